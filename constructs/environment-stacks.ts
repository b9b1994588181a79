import type { Construct } from "constructs";
import { environmentConfigs, environmentNames, type EmailConfigWithEnvironments } from "../src/config/environments";
import { GenesysEmailStack } from "./genesys-email-stack";

export interface EnvironmentStacksOptions {
  /**
   * Only these environments, in this order.
   * @default - every environment the config declares, in declaration order
   */
  readonly only?: readonly string[];
  /**
   * The stack name of a config without `environments`.
   * @default "default"
   */
  readonly defaultName?: string;
}

/**
 * One independent `GenesysEmailStack` per environment (its own backend and state), each
 * built from the base merged with that environment's overrides, the same merge as the
 * YAML file's `environments:`. No stack references another, so each is its own Terraform run.
 *
 *     const app = new App({ outdir: "cdktf.out" });
 *     addEnvironmentStacks(app, { ...shared, environments: { dev: {...}, prod: {...} } });
 *     app.synth();
 */
export function addEnvironmentStacks(scope: Construct, config: EmailConfigWithEnvironments, options: EnvironmentStacksOptions = {}): GenesysEmailStack[] {
  const configs = environmentConfigs(config, options.defaultName ?? "default");
  const names = options.only ?? Object.keys(configs);
  const declared = new Set(environmentNames(config));
  return names.map((name) => {
    const merged = configs[name];
    if (!merged) throw new Error(`No environment "${name}"; the config declares: ${Object.keys(configs).join(", ")}.`);
    return new GenesysEmailStack(scope, name, merged, declared.has(name) ? { environment: name } : {});
  });
}
