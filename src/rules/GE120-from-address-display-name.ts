import type { Rule } from "./rule";

export const fromAddressDisplayName: Rule = {
  id: "GE120",
  name: "from-address-display-name",
  severity: "error",
  description: "Every From address has a non-empty display name.",
  fix: "set displayName to the name customers see, e.g. Contoso Support",
  source: "Genesys Agent Setup, Add From addresses: \"entering the address Name and an associated Display name\"",
  suppressible: true,
  check: (config) =>
    (config.fromAddresses?.addresses ?? []).flatMap((a, i) =>
      a.displayName.trim() === ""
        ? [{ path: ["fromAddresses", "addresses", i, "displayName"], message: "Display name must not be empty." }]
        : [],
    ),
};
