import type { Rule } from "./rule";
import { plural } from "../text/terminal";
import { daysUntil, EWS_BLOCKED_FROM, EWS_SHUTDOWN_ON, EXCHANGE_ONLINE_HOSTS } from "../model/clouds";

function days(n: number): string {
  return plural(n, "day");
}

function remain(n: number): string {
  return n === 1 ? "1 day remains" : `${n} days remain`;
}

/** A warning that counts the days to the shutdown; an error from the shutdown day on (the clock comes from the validate options). */
export const ewsRetirement: Rule = {
  id: "GE202",
  name: "ews-retirement",
  severity: "warning",
  description: `EWS in Exchange Online is blocked by default from ${EWS_BLOCKED_FROM} and shut down on ${EWS_SHUTDOWN_ON}: a warning that counts the days until then, an error from that day on.`,
  fix: "move the mailbox to GRAPH: genesys-email migrate ews-to-graph <file> (server.type: GRAPH, host graph.microsoft.com)",
  source: "Microsoft Exchange Team blog, Retirement of Exchange Web Services in Exchange Online (techcommunity.microsoft.com, 2023-09, updated 2025)",
  suppressible: true,
  check: (config, { now }) => {
    const left = daysUntil(EWS_SHUTDOWN_ON, now);
    const blocked = daysUntil(EWS_BLOCKED_FROM, now);
    const message =
      left <= 0
        ? `EWS against Exchange Online was shut down on ${EWS_SHUTDOWN_ON}: this mailbox cannot connect.`
        : blocked > 0
          ? `EWS against Exchange Online is blocked from ${EWS_BLOCKED_FROM} (in ${days(blocked)}) and shut down on ${EWS_SHUTDOWN_ON}: ${remain(left)}.`
          : `EWS against Exchange Online is blocked by default since ${EWS_BLOCKED_FROM} and shut down on ${EWS_SHUTDOWN_ON}: ${remain(left)}.`;
    return config.mailboxes.inbound.flatMap((m, i) =>
      m.server.type === "EWS" && EXCHANGE_ONLINE_HOSTS.test(m.server.host)
        ? [{ path: ["mailboxes", "inbound", i, "server", "type"], message, ...(left <= 0 ? { severity: "error" as const } : {}) }]
        : [],
    );
  },
};
