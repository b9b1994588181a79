// A scanner for Terraform's string templates, as Terraform's own lexer reads a JSON string (hashicorp/hcl
// hclsyntax/scan_tokens.rl, bareTemplate: `TemplateNotInterp = '$' (^'{' | "${")`, and
// scan_string_lit.rl `TemplateEscape`): at a `$` or `%`, the next two characters `${` / `%{` make an escape
// (the literal `${` / `%{`), a `{` alone starts an interpolation / a directive, anything else is a literal
// character. Checked against real Terraform in test/constructs/terraform-literal.test.ts.

/** Indices where a live `${` (interpolation) or `%{` (directive) starts. */
export function liveTemplateStarts(s: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === "$" || c === "%") {
      if (s[i + 1] === c && s[i + 2] === "{") {
        i += 3;
        continue;
      }
      if (s[i + 1] === "{") {
        starts.push(i);
        i += 2;
        continue;
      }
    }
    i++;
  }
  return starts;
}

/** The value Terraform gives a string without live templates (escapes undone); `undefined` when it has one. */
export function templateLiteralValue(s: string): string | undefined {
  if (liveTemplateStarts(s).length > 0) return undefined;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if ((c === "$" || c === "%") && s[i + 1] === c && s[i + 2] === "{") {
      out += `${c}{`;
      i += 2;
    } else out += c;
  }
  return out;
}

/** One string (or object key) of a Terraform JSON document, by its path. */
export interface JsonString {
  readonly path: string;
  readonly value: string;
}

/**
 * Blocks Terraform reads in literal-only mode or never evaluates: backend and cloud settings (no
 * evaluation context: `${` is text there), CDKTF's `//` comments, and the provider requirements.
 */
function literalOnly(path: readonly string[]): boolean {
  return path.includes("//") || (path[0] === "terraform" && (path[1] === "backend" || path[1] === "cloud" || path[1] === "required_providers"));
}

/** Every string and object key Terraform reads as a template, with its path (`resource.terraform_data.x.input.name`). */
export function templateStrings(document: unknown): JsonString[] {
  const out: JsonString[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (literalOnly(path)) return;
    if (typeof value === "string") out.push({ path: path.join("."), value });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)]));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        // Keys of blocks (types, names, attribute names) are identifiers; keys inside values are templates too.
        if (path.length >= 3) out.push({ path: `${[...path, k].join(".")} (key)`, value: k });
        walk(v, [...path, k]);
      }
    }
  };
  walk(document, []);
  return out;
}

/** The strings of a document that hold a live template: the only places Terraform evaluates expressions. */
export function liveTemplateStrings(document: unknown): JsonString[] {
  return templateStrings(document).filter((s) => liveTemplateStarts(s.value).length > 0);
}
