import { allMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** RFC 1123 host name (letters, digits, hyphens; labels of 1–63; at most 253 in all), or an IP address. */
export function isValidHost(host: string): boolean {
  // Only text with a colon or only digits and dots can be an address: node:net (and its IPv6 pattern,
  // ~15 ms to compile) is loaded for those alone.
  if (host.includes(":") || /^[0-9.]+$/.test(host)) {
    const { isIPv4, isIPv6 } = require("node:net") as typeof import("node:net");
    if (host.includes(":") ? isIPv6(host) : isIPv4(host)) return true;
  }
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  return name.length > 0 && name.length <= 253 && name.split(".").every((l) => LABEL.test(l));
}

export const hostName: Rule = {
  id: "GE109",
  name: "host-name",
  severity: "error",
  description: "A server host is a valid host name or IP address, without scheme, port or path.",
  fix: "give only the host name, e.g. outlook.office365.com, and put the port in server.port",
  source: "RFC 1123 section 2.1; Genesys Host:Port/Type field",
  suppressible: true,
  check: (config) => {
    // Many mailboxes share a few hosts: check each host once.
    const valid = new Map<string, boolean>();
    const isValid = (host: string) => valid.get(host) ?? valid.set(host, isValidHost(host)).get(host)!;
    return allMailboxes(config)
      .filter(({ mailbox }) => !isValid(mailbox.server.host))
      .map(({ mailbox, path }) => ({
        path: [...path, "server", "host"],
        message: `Host must be a valid host name or IP address; ${quote(mailbox.server.host)} is not.`,
      }));
  },
};
