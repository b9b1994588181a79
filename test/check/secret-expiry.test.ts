import { secretExpiryWarning } from "../../src/check/secret-expiry";

const NOW = new Date("2026-12-14T09:00:00Z");
const TAIL = " Run terraform apply to create the next one, then give Genesys the new secret (terraform output -raw client_secret) out of band; the old one expires on its own (docs/day-two.md).";

describe("secretExpiryWarning: 30 days ahead", () => {
  test.each([
    ["2027-01-13T09:00:00Z", undefined],
    ["2027-01-13T08:59:59Z", "expires on 2027-01-13 (in 29 days)."],
    ["2026-12-15T09:00:00Z", "expires on 2026-12-15 (in 1 day)."],
    ["2026-12-14T21:00:00Z", "expires on 2026-12-14 (in less than a day)."],
    ["2026-12-14T09:00:00Z", "expired on 2026-12-14."],
    ["2026-11-01T00:00:00+02:00", "expired on 2026-10-31."],
  ])("end date %s", (endDate, expected) => {
    expect(secretExpiryWarning(endDate, NOW)).toBe(expected === undefined ? undefined : `the client secret of the GRAPH mailboxes (client_secret) ${expected}${TAIL}`);
  });
});
