import { allMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";
import { wholeRangeProblem } from "./private/number-range";

const PORTS = { min: 1, max: 65535 };

export const portRange: Rule = {
  id: "GE108",
  name: "port-range",
  severity: "error",
  description: "A server port is a whole number from 1 to 65535.",
  fix: "set server.port to a whole number from 1 to 65535, or omit it for the protocol's usual port",
  source: "RFC 793 port numbers; Genesys Host:Port/Type field",
  suppressible: false,
  check: (config) =>
    allMailboxes(config).flatMap(({ mailbox, path }) => {
      const port = mailbox.server.port;
      const problem = port === undefined ? undefined : wholeRangeProblem(port, PORTS);
      return problem === undefined ? [] : [{ path: [...path, "server", "port"], message: `Port must be a whole number from 1 to 65535; ${problem}.` }];
    }),
};
