import type { Construct } from "constructs";
import { environmentConfigs, type EmailConfigWithEnvironments } from "../src/config/environments";
import { validate } from "../src/rules/engine";
import { GenesysEmailConfigError } from "./errors";
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
  /**
   * What the summary line of a `GenesysEmailConfigError` names (the config file, when there is one).
   * @default "config"
   */
  readonly file?: string;
}

/**
 * One independent `GenesysEmailStack` per environment (its own backend and state), each
 * built from the base merged with that environment's overrides, the same merge as the
 * YAML file's `environments:`. No stack references another, so each is its own Terraform run.
 * Every environment is validated before any stack is built: errors in any of them throw one
 * `GenesysEmailConfigError`, each finding naming its environment.
 *
 *     const app = new App({ outdir: "cdktf.out" });
 *     addEnvironmentStacks(app, { ...shared, environments: { dev: {...}, prod: {...} } });
 *     app.synth();
 */
export function addEnvironmentStacks(scope: Construct, config: EmailConfigWithEnvironments, options: EnvironmentStacksOptions = {}): GenesysEmailStack[] {
  const configs = environmentConfigs(config, options.defaultName ?? "default");
  const names = options.only ?? Object.keys(configs);
  const selected = names.map((name) => {
    const merged = configs[name];
    if (!merged) throw new Error(`No environment "${name}"; the config declares: ${Object.keys(configs).join(", ")}.`);
    return { name, props: { config: merged, ...(config.environments ? { environment: name } : {}) } };
  });
  const findings = selected.flatMap((s) => validate(s.props.config, s.props.environment !== undefined ? { environment: s.props.environment } : {}).findings);
  if (findings.some((f) => f.severity === "error")) {
    const environments = selected.map((s) => s.props.environment).filter((e): e is string => e !== undefined);
    throw new GenesysEmailConfigError(findings, { file: options.file ?? "config", environments });
  }
  return selected.map((s) => new GenesysEmailStack(scope, s.name, s.props));
}
