import { needsClientSecret } from "../model/mailbox";
import type { Rule } from "./rule";

export const clientSecretLifetimeLong: Rule = {
  id: "GE208",
  name: "client-secret-lifetime-long",
  severity: "warning",
  description: "A client secret valid for more than a year outlives Microsoft's recommendation.",
  fix: "set application.clientSecretLifetimeDays to 365 or less and rotate with terraform apply -replace",
  source: "Microsoft Entra, Credentials best practice: client secrets valid for less than 12 months",
  suppressible: true,
  check: (config) =>
    config.application.clientSecretLifetimeDays > 365 && config.application.clientSecretLifetimeDays <= 730 && needsClientSecret(config)
      ? [{ path: ["application", "clientSecretLifetimeDays"], message: `A client secret valid for ${config.application.clientSecretLifetimeDays} days outlives the recommended 365.` }]
      : [],
};
