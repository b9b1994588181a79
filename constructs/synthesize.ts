import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { App } from "cdktf";
import { stackNameForFile } from "../src/config/environments";
import type { EmailConfigInput } from "../src/model/config";
import type { Finding } from "../src/rules/finding";
import { GenesysEmailConfigError } from "./errors";
import { validateGenesysEmailProps } from "./genesys-email";
import { GenesysEmailStack, type GenesysEmailStackProps } from "./genesys-email-stack";

/** One named stack (an environment, or the whole file) and its config as written. */
export interface StackInput {
  /** Stack name: the folder under `<out>/stacks/`, and part of the default state file name. */
  readonly name: string;
  readonly config: EmailConfigInput;
}

export interface BuildAppOptions {
  /** Where `app.synth()` writes (`<outDir>/stacks/<name>/cdk.tf.json`). */
  readonly outDir: string;
  readonly stacks: readonly StackInput[];
}

export interface BuiltApp {
  readonly app: App;
  readonly stacks: readonly GenesysEmailStack[];
}

const STACK_NAME = /^(?!\.+$)[A-Za-z0-9_.-]+$/;

/**
 * `examples/contact-center.yaml` → `contact-center`: the stack of a file without environments.
 * The rule lives with the environments (src/config/environments.ts); this name stays for the API.
 */
export const stackNameFromFile = stackNameForFile;

/** The props each stack is built from: one object per input, so the validation done first is not repeated. */
const propsOf = new WeakMap<StackInput, GenesysEmailStackProps>();

/** Builds the CDKTF app for the CLI, the CDKTF CLI (`cdktf.json`) and the TypeScript API alike. */
export function buildApp(options: BuildAppOptions): BuiltApp {
  const seen = new Set<string>();
  for (const { name } of options.stacks) {
    if (!STACK_NAME.test(name)) throw new Error(`Stack name must use only letters, digits, _, . and - (it names a folder); "${name}" given.`);
    if (seen.has(name)) throw new Error(`Stack name "${name}" is used twice.`);
    seen.add(name);
  }
  mkdirSync(options.outDir, { recursive: true });
  // Explicit options: the output must not depend on SYNTH_HCL_OUTPUT or stack traces of this machine.
  const app = new App({ outdir: options.outDir, stackTraces: false, hclOutput: false });
  const stacks = options.stacks.map((s) => new GenesysEmailStack(app, s.name, propsOf.get(s) ?? { config: s.config }));
  return { app, stacks };
}

/** The findings of one stack whose config has errors. */
export interface StackFindings {
  readonly stack: string;
  readonly findings: readonly Finding[];
}

/** A config failed validation: nothing was written. */
export class InvalidConfigError extends Error {
  constructor(readonly stacks: readonly StackFindings[]) {
    super(
      `Synth stopped: the config has errors; nothing was written.\n${stacks
        .flatMap((s) => s.findings.filter((f) => f.severity === "error").map((f) => `[${s.stack}] ${f.ruleId} ${f.path}: ${f.message}`))
        .join("\n")}`,
    );
    this.name = "InvalidConfigError";
  }
}

export interface SynthesizedStack {
  readonly name: string;
  /** `<outDir>/stacks/<name>` (absolute). */
  readonly directory: string;
  /** `<outDir>/stacks/<name>/cdk.tf.json` (absolute). */
  readonly file: string;
}

/**
 * Files Terraform leaves in a stack's working directory: kept when the stack is replaced
 * (the default local backend keeps its state there, and `.terraform` saves an init).
 */
function isTerraformWorkingFile(name: string): boolean {
  return name === ".terraform" || name === ".terraform.lock.hcl" || name === ".terraform.tfstate.lock.info" || /\.tfstate(\.backup|\.\d+\.backup)?$/.test(name);
}

/**
 * Validates every stack, synthesizes into a temporary folder beside `outDir` (same file
 * system), then replaces each stack folder of `outDir` by rename. A config with errors throws
 * `InvalidConfigError` before anything is written; any failure leaves `outDir` as it was.
 * Other stacks already in `outDir` are left alone.
 */
export function synthesize(options: BuildAppOptions): SynthesizedStack[] {
  const out = resolve(options.outDir);
  const createdParent = mkdirSync(dirname(out), { recursive: true });
  const tmp = mkdtempSync(join(dirname(out), `.${basename(out)}.synth-`));
  let invalidConfig = false;
  try {
    const staged = join(tmp, "out");
    // Every stack is validated before any is built; each GenesysEmailStack reuses its props' result.
    const invalid: StackFindings[] = [];
    for (const s of options.stacks) {
      const props: GenesysEmailStackProps = { config: s.config };
      propsOf.set(s, props);
      try {
        validateGenesysEmailProps(props, s.name);
      } catch (error) {
        if (!(error instanceof GenesysEmailConfigError)) throw error;
        invalid.push({ stack: s.name, findings: error.findings });
      }
    }
    if (invalid.length > 0) {
      invalidConfig = true;
      throw new InvalidConfigError(invalid);
    }
    const { app } = buildApp({ outDir: staged, stacks: options.stacks });
    app.synth();
    // Replace nothing unless every stack was written.
    const missing = options.stacks.filter((s) => !existsSync(join(staged, "stacks", s.name, "cdk.tf.json"))).map((s) => s.name);
    if (missing.length > 0) throw new Error(`CDKTF wrote no cdk.tf.json for stack(s) ${missing.join(", ")}; ${out} was left as it was.`);
    mkdirSync(join(out, "stacks"), { recursive: true });
    const result: SynthesizedStack[] = [];
    for (const { name } of options.stacks) {
      const target = join(out, "stacks", name);
      replaceDirectory(join(staged, "stacks", name), target, join(tmp, `old-${name}`));
      result.push({ name, directory: target, file: join(target, "cdk.tf.json") });
    }
    writeManifest(join(staged, "manifest.json"), join(out, "manifest.json"), join(tmp, "manifest.json"));
    return result;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // A config with errors leaves no trace, not even the folders made for the output.
    if (invalidConfig && createdParent !== undefined) rmSync(createdParent, { recursive: true, force: true });
  }
}

function replaceDirectory(fresh: string, target: string, trash: string): void {
  if (existsSync(target)) {
    for (const entry of readdirSync(target)) {
      if (!isTerraformWorkingFile(entry)) continue;
      const from = join(target, entry);
      // State is copied (the old folder keeps it until the swap is done); .terraform is only a cache.
      if (statSync(from).isDirectory()) renameSync(from, join(fresh, entry));
      else copyFileSync(from, join(fresh, entry));
    }
    renameSync(target, trash);
  }
  renameSync(fresh, target);
}

/** CDKTF's manifest.json lists the stacks; keep the entries of other stacks still in `outDir`. */
function writeManifest(fresh: string, target: string, staging: string): void {
  const next = JSON.parse(readFileSync(fresh, "utf8")) as { stacks: Record<string, unknown> };
  let previous: Record<string, unknown> = {};
  try {
    previous = (JSON.parse(readFileSync(target, "utf8")) as { stacks?: Record<string, unknown> }).stacks ?? {};
  } catch {
    previous = {};
  }
  const outDir = dirname(target);
  const stacks: Record<string, unknown> = {};
  const names = new Set([...Object.keys(previous), ...Object.keys(next.stacks)]);
  for (const name of [...names].sort()) {
    if (next.stacks[name]) stacks[name] = next.stacks[name];
    else if (existsSync(join(outDir, "stacks", name))) stacks[name] = previous[name];
  }
  writeFileSync(staging, `${JSON.stringify({ ...next, stacks }, null, 2)}\n`);
  renameSync(staging, target);
}
