import { backendCredentials } from "../model/backend-secrets";
import type { Rule } from "./rule";

const GENERIC_FIX =
  "remove it from the config; give it to Terraform from the pipeline's secret store as the backend's environment variable, or with terraform init -backend-config=FILE from a file kept out of Git";

export const backendSecret: Rule = {
  id: "GE140",
  name: "backend-secret",
  severity: "error",
  description:
    "backend.config holds no credential (access key, SAS token, client secret, token, password): everything in it is written to cdk.tf.json, which is committed and shown in plans.",
  fix: GENERIC_FIX,
  source: "CDKTF backend settings (cdktf/lib/backends: each credential names its environment variable); Terraform docs, Backend configuration: credentials belong in environment variables or a partial -backend-config file",
  suppressible: false,
  check: (config) =>
    config.backend?.config === undefined
      ? []
      : backendCredentials(config.backend.type, config.backend.config).map(({ keys, setting }) => ({
          path: ["backend", "config", ...keys],
          // the value is never repeated: it is the credential
          message: `The ${config.backend!.type} backend's \`${keys.join(".")}\` is a credential: it would be written to cdk.tf.json in clear text.`,
          fix:
            setting === "unknown"
              ? GENERIC_FIX
              : `remove it from the config; set ${setting.instead} in the pipeline's environment instead, or pass it with terraform init -backend-config=FILE from a file kept out of Git`,
        })),
};
