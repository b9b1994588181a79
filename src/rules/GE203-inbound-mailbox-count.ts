import type { Rule } from "./rule";

export const RECOMMENDED_MAX_INBOUND = 25;

export const inboundMailboxCount: Rule = {
  id: "GE203",
  name: "inbound-mailbox-count",
  severity: "warning",
  description: `Genesys recommends at most ${RECOMMENDED_MAX_INBOUND} inbound mailboxes per E-mail Server instance.`,
  fix: "spread the mailboxes over several E-mail Server instances (one config per instance)",
  source: "Genesys E-mail Server deployment guide (docs.genesys.com ESEmail): at most 25 mailboxes per instance",
  suppressible: true,
  check: (config) => {
    const n = config.mailboxes.inbound.length;
    return n > RECOMMENDED_MAX_INBOUND
      ? [{ path: ["mailboxes", "inbound"], message: `${n} inbound mailboxes exceed the recommended ${RECOMMENDED_MAX_INBOUND} per E-mail Server instance.` }]
      : [];
  },
};
