import type { Rule } from "./rule";
import { EXCHANGE_ONLINE_HOSTS } from "./GE201-basic-auth-exchange-online";

export const ewsRetirement: Rule = {
  id: "GE202",
  name: "ews-retirement",
  severity: "warning",
  description: "EWS in Exchange Online is blocked from 2026-10-01 and shut down on 2027-04-01.",
  fix: "move the mailbox to GRAPH (server.type: GRAPH, host graph.microsoft.com)",
  source: "Microsoft Exchange Team blog, Retirement of Exchange Web Services in Exchange Online (techcommunity.microsoft.com, 2023-09, updated 2025)",
  suppressible: true,
  check: (config) =>
    config.mailboxes.inbound.flatMap((m, i) =>
      m.server.type === "EWS" && EXCHANGE_ONLINE_HOSTS.test(m.server.host)
        ? [{ path: ["mailboxes", "inbound", i, "server", "type"], message: "EWS against Exchange Online is blocked from 2026-10-01 and shut down on 2027-04-01." }]
        : [],
    ),
};
