import { allMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";

export const portRange: Rule = {
  id: "GE108",
  name: "port-range",
  severity: "error",
  description: "A server port is a whole number from 1 to 65535.",
  fix: "set server.port to a whole number from 1 to 65535, or omit it for the protocol's usual port",
  source: "RFC 793 port numbers; Genesys Host:Port/Type field",
  suppressible: false,
  check: (config) =>
    allMailboxes(config)
      .filter(({ mailbox }) => {
        const port = mailbox.server.port;
        return port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535);
      })
      .map(({ mailbox, path }) => ({
        path: [...path, "server", "port"],
        message: `Port must be a whole number from 1 to 65535; ${mailbox.server.port} given.`,
      })),
};
