import { App } from "cdktf";
import { stackNameForFile } from "../src/config/environments";
import type { EmailConfigInput } from "../src/model/config";
import { GenesysEmailStack } from "./genesys-email-stack";
import { STACK_NAME } from "../src/model/stack-name";

/** One named stack (an environment, or the whole file) and its config as written. */
export interface StackInput {
  /** Stack name: the folder under `<out>/stacks/`, and part of the default state file name. */
  readonly name: string;
  /** The stack's config as written (validated by its `GenesysEmailStack`). */
  readonly config: EmailConfigInput;
  /**
   * The environment's name when the stack is one of `environments:`: named in findings and in the migration request.
   * @default - none (a file without environments)
   */
  readonly environment?: string;
  /**
   * The clock date-aware rules read (GE202).
   * @default - the current time
   */
  readonly now?: Date;
}

export interface BuildAppOptions {
  /** Where `app.synth()` writes (`<outDir>/stacks/<name>/cdk.tf.json`); CDKTF creates it if its parent exists. */
  readonly outDir: string;
  /** The stacks, one `GenesysEmailStack` each; names must be unique folder names. */
  readonly stacks: readonly StackInput[];
  /**
   * Whether the stacks run `terraform version` at synth (see `GenesysEmailProps.checkTerraformVersion`).
   * @default true
   */
  readonly checkTerraformVersion?: boolean;
}

export interface BuiltApp {
  /** The app; `app.synth()` writes every stack. */
  readonly app: App;
  /** The stacks, in the order given. */
  readonly stacks: readonly GenesysEmailStack[];
}

export { STACK_NAME };

/**
 * `examples/contact-center.yaml` → `contact-center`: the stack of a file without environments.
 * The rule lives with the environments (src/config/environments.ts); this name stays for the API.
 */
export const stackNameFromFile = stackNameForFile;

/**
 * Builds the CDKTF app of some stacks, one `GenesysEmailStack` each. Writes nothing itself:
 * `app.synth()` does. `genesys-email synth` (cli/synth) runs it in a staging folder and swaps the
 * result into place; a CDKTF program of your own can call it and `app.synth()` directly.
 */
export function buildApp(options: BuildAppOptions): BuiltApp {
  const seen = new Set<string>();
  for (const { name } of options.stacks) {
    if (!STACK_NAME.test(name)) throw new Error(`Stack name must use only letters, digits, _, . and - (it names a folder); "${name}" given.`);
    if (seen.has(name)) throw new Error(`Stack name "${name}" is used twice.`);
    seen.add(name);
  }
  // Explicit options: the output must not depend on SYNTH_HCL_OUTPUT or stack traces of this machine.
  const app = new App({ outdir: options.outDir, stackTraces: false, hclOutput: false });
  const stacks = options.stacks.map(
    (s) =>
      new GenesysEmailStack(app, s.name, {
        config: s.config,
        ...(s.environment !== undefined ? { environment: s.environment } : {}),
        ...(s.now !== undefined ? { now: s.now } : {}),
        ...(options.checkTerraformVersion !== undefined ? { checkTerraformVersion: options.checkTerraformVersion } : {}),
      }),
  );
  return { app, stacks };
}
