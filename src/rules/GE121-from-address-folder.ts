import type { Rule } from "./rule";
import { plural } from "../text/terminal";

export const fromAddressFolder: Rule = {
  id: "GE121",
  name: "from-address-folder",
  severity: "error",
  description: "When From addresses are given, fromAddresses.folder names their Business Attribute folder.",
  fix: "set fromAddresses.folder, e.g. Email Addresses",
  source: "Genesys Agent Setup, Add From addresses: \"you must first select or create the Business Attribute folder\"",
  suppressible: true,
  check: (config) => {
    const f = config.fromAddresses;
    if (!f || f.addresses.length === 0 || (f.folder !== undefined && f.folder.trim() !== "")) return [];
    return [{ path: ["fromAddresses", "folder"], message: `A Business Attribute folder is required for ${plural(f.addresses.length, "From address", "From addresses")}.` }];
  },
};
