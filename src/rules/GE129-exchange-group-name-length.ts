import { exchangeGroupNameFits, graphMailboxGroupName, MAX_EXCHANGE_GROUP_NAME_LENGTH } from "../model/application";
import { needsClientSecret } from "../model/mailbox";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";

export const exchangeGroupNameLength: Rule = {
  id: "GE129",
  name: "exchange-group-name-length",
  severity: "error",
  description: `The mail-enabled security group exchange-setup.ps1 creates for the GRAPH mailboxes has 1 to ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters.`,
  fix: `set application.graphMailboxGroup to a name of at most ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters`,
  source: "Microsoft, New-DistributionGroup: \"The maximum length is 64 characters\" (learn.microsoft.com/powershell/module/exchangepowershell/new-distributiongroup)",
  suppressible: true,
  check: (config) => {
    if (!needsClientSecret(config)) return [];
    const name = graphMailboxGroupName(config);
    if (exchangeGroupNameFits(name)) return [];
    const explicit = config.application.graphMailboxGroup !== undefined;
    return [
      {
        path: ["application", explicit ? "graphMailboxGroup" : "displayName"],
        message: `The Exchange group for the GRAPH mailboxes must have 1 to ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters (New-DistributionGroup -Name); ${quote(name)} has ${name.length}.`,
        ...(explicit ? {} : { fix: `set application.graphMailboxGroup to a name of at most ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters, or shorten application.displayName (the group is named after it)` }),
      },
    ];
  },
};
