import { randomBytes } from "node:crypto";
import type { IConstruct } from "constructs";
import { TerraformStack, Token } from "cdktf";

/**
 * Config text in Terraform JSON, written literally: the one place where strings from the config or from a
 * user's TypeScript become Terraform JSON strings.
 *
 * Terraform reads every JSON string of a resource, data source, provider, output or import block as a
 * template (`${…}` interpolates, `%{…}` is a directive; `$${` and `%%{` are their escapes:
 * hashicorp/hcl json/spec.md "Strings" and hclsyntax/scan_tokens.rl `TemplateNotInterp`). Backend and
 * cloud blocks are read in literal-only mode (no evaluation context), where `$${` stays `$${`.
 *
 * Escaping alone is not enough under CDKTF: CDKTF resolves every string of the stack two times over
 * (each element, then the whole document: TerraformStack.toTerraform) and reads its own token syntax in
 * them: `${TfToken[KEY]}` (a registered key becomes that token's reference, an unknown one fails synth),
 * `#{TfToken[…]}`, `&{TfToken[…]}`, numbers whose bits encode a token (`-1.8…e+289`, even inside text)
 * and the map placeholders "String Map Token Value" / "Any Map Token Value". No escape of those exists
 * in Terraform's syntax. So config text never passes through CDKTF's resolver at all: it is replaced by
 * an inert placeholder (ASCII letters only, with a per-process random part a config cannot guess), and
 * the stack's rendered document (`toTerraform()`, which both `app.synth()` and `Testing.synth` call) gets
 * the text back, escaped for its context, after CDKTF's last resolve.
 *
 * Tokens the code itself creates (references, `Fn.*`) never go through here and stay live.
 */

/** How Terraform reads the string: as a `template` (everywhere but backends) or `raw` (backend and cloud blocks). */
export type LiteralContext = "template" | "raw";

const LETTERS = "ghijklmnopqrstuv";
const letters = (bytes: Uint8Array | number[]) => [...bytes].map((b) => LETTERS[b >> 4]! + LETTERS[b & 15]!).join("");
const NONCE = letters(randomBytes(12));
const LITERAL_PREFIX = `GenesysLiteral${NONCE}`;
const PLACEHOLDER = new RegExp(`${LITERAL_PREFIX}([g-v]+)Z`, "g");

/** The text behind each placeholder, by index; the same text in the same context shares one. */
const entries: Array<{ readonly text: string; readonly context: LiteralContext }> = [];
const indexOf = new Map<string, number>();
const hooked = new WeakSet<TerraformStack>();

/** Plain data behind each data placeholder (`terraformData`): a whole value, restored as a whole. */
const DATA_PREFIX = `GenesysData${NONCE}`;
const DATA_PLACEHOLDER = new RegExp(`^${DATA_PREFIX}([g-v]+)Z$`);
const dataEntries: unknown[] = [];

/** `${` → `$${`, `%{` → `%%{`: Terraform's template escapes (a function replacement: `$$` means `$` in a replacement string). */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

function encode(index: number): string {
  const digits: number[] = [];
  for (let n = index; digits.length === 0 || n > 0; n = Math.floor(n / 256)) digits.unshift(n % 256);
  return letters(digits);
}

function decode(encoded: string): number {
  let index = 0;
  for (let i = 0; i < encoded.length; i += 2) index = index * 256 + LETTERS.indexOf(encoded[i]!) * 16 + LETTERS.indexOf(encoded[i + 1]!);
  return index;
}

function placeholder(text: string, context: LiteralContext): string {
  const key = `${context}:${text}`;
  let index = indexOf.get(key);
  if (index === undefined) {
    index = entries.push({ text, context }) - 1;
    indexOf.set(key, index);
  }
  return `${LITERAL_PREFIX}${encode(index)}Z`;
}

const restoreEntry = (text: string, context: LiteralContext) => (context === "template" ? escapeTemplate(text) : text);

function restoreText(s: string): string {
  if (s.includes(DATA_PREFIX)) throw new Error("A terraformData placeholder ended up inside a string; this is a bug in genesys-email-iac.");
  return s.replace(PLACEHOLDER, (_match, encoded: string) => {
    const entry = entries[decode(encoded)]!;
    return restoreEntry(entry.text, entry.context);
  });
}

/** The data behind a data placeholder, every string and key as `terraformLiterals` would have written it (template). */
function restoreData(data: unknown): unknown {
  if (typeof data === "string") return escapeTemplate(data);
  if (Array.isArray(data)) return data.map(restoreData);
  if (data !== null && typeof data === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) if (v !== undefined) out[escapeTemplate(k)] = restoreData(v);
    return out;
  }
  return data;
}

function restore(value: unknown): unknown {
  if (typeof value === "string") {
    const data = DATA_PLACEHOLDER.exec(value);
    if (data) {
      return restoreData(dataEntries[decode(data[1]!)]);
    }
    return restoreText(value);
  }
  if (Array.isArray(value)) return value.map(restore);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[restoreText(k)] = restore(v);
    return out;
  }
  return value;
}

/** Puts the texts back into the stack's rendered document, after CDKTF's last resolve. Once per stack. */
function hook(stack: TerraformStack): void {
  if (hooked.has(stack)) return;
  hooked.add(stack);
  const render = stack.toTerraform.bind(stack);
  Object.defineProperty(stack, "toTerraform", { value: () => restore(render()), configurable: true, writable: true });
  Object.defineProperty(stack, "toHclTerraform", {
    value: () => {
      throw new Error(`Stack ${stack.node.id}: genesys-email-iac writes cdk.tf.json only; unset SYNTH_HCL_OUTPUT (HCL output is not supported).`);
    },
    configurable: true,
    writable: true,
  });
}

/**
 * `text` as a Terraform JSON string with exactly that value, whatever it contains (`${`, `%{`, CDKTF
 * token syntax, quotes, control characters). Use it for every config value given to a resource, data
 * source, provider or output (`template`), or to a backend (`raw`).
 */
export function terraformLiteral(scope: IConstruct, text: string, context: LiteralContext = "template"): string {
  hook(TerraformStack.of(scope));
  return placeholder(text, context);
}

/**
 * `terraformLiteral` for every string of plain data (objects, arrays, numbers, booleans). Keys stay as they are:
 * CDKTF snake-cases the keys of backend settings, so they must stay names.
 */
export function terraformLiterals<T>(scope: IConstruct, data: T, context: LiteralContext): T {
  hook(TerraformStack.of(scope));
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return placeholder(value, context);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object") {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Error(`terraformLiterals takes plain data; a ${(value as object).constructor.name} was given.`);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = walk(v);
      return out;
    }
    return value;
  };
  return walk(data) as T;
}

/**
 * Plain data (objects, arrays, strings, numbers, booleans) as one value CDKTF passes through untouched: the same
 * Terraform JSON as `terraformLiterals` (every string and key literal), for a whole attribute or output value. CDKTF
 * resolves every string, key and number of a stack two times over; a mailbox record's `input` or the `mailboxes`
 * output holds thousands of them at 1,000 mailboxes, which made CDKTF's resolver a large part of synth (bench/).
 * The data must not change after this call. Only for a value CDKTF writes as it is (an attribute, an output's value):
 * never inside a string, a list element CDKTF maps, or a backend's settings.
 */
export function terraformData(scope: IConstruct, data: unknown): string {
  hook(TerraformStack.of(scope));
  return `${DATA_PREFIX}${encode(dataEntries.push(data) - 1)}Z`;
}

/**
 * A string prop of the TypeScript API that may also be a CDKTF token the caller's code created (e.g. an
 * existing app's client ID taken from another resource): a token is kept as a reference, any other text
 * is written literally.
 */
export function terraformValue(scope: IConstruct, value: string): string {
  return Token.isUnresolved(value) ? value : terraformLiteral(scope, value);
}
