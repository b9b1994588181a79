import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { StackInput } from "../../constructs/app";
import { buildApp } from "../../constructs/app";

export interface SynthesizeOptions {
  /** The output folder: `<outDir>/stacks/<name>/cdk.tf.json`. */
  readonly outDir: string;
  /** Valid configs only (validate first): a construct that rejects its config stops the synth, nothing written. */
  readonly stacks: readonly StackInput[];
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
 * Synthesizes into a temporary folder beside `outDir` (same file system), then replaces each
 * stack folder of `outDir` by rename. Any failure leaves `outDir` as it was. Other stacks already
 * in `outDir` are left alone.
 */
export function synthesize(options: SynthesizeOptions): SynthesizedStack[] {
  const out = resolve(options.outDir);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = mkdtempSync(join(dirname(out), `.${basename(out)}.synth-`));
  try {
    const staged = join(tmp, "out");
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
