/**
 * A real PowerShell grammar for tests: tree-sitter-powershell's WebAssembly build, run by web-tree-sitter.
 * ERROR and missing nodes mark syntax errors; `command_name` nodes name every command, also inside `$(...)`.
 */
import { readFileSync } from "node:fs";
import { Language, Parser, type Node } from "web-tree-sitter";

/** What the tests read from a parsed script. */
export interface PowerShellScript {
  /** `type@row:column` of every ERROR or missing node (empty when the script parses). */
  readonly errors: readonly string[];
  /** The arguments of the script's `[CmdletBinding(...)]`, e.g. `SupportsShouldProcess`; undefined without one. */
  readonly cmdletBinding?: readonly string[];
  /** The declared parameters, without `$`. */
  readonly parameters: readonly string[];
  /** Every command, in source order. */
  readonly commands: readonly PowerShellCommand[];
  /**
   * The parameter checks: top-level `if (<condition>) { throw ... }` statements whose condition reads only
   * parameters and constants (variables assigned a literal at the top, before any command or other assignment).
   */
  readonly checks: readonly ParameterCheck[];
}

export interface PowerShellCommand {
  readonly name: string;
  readonly start: number;
  /** Inside the body of an `if` whose condition asks `$PSCmdlet.ShouldProcess(...)`. */
  readonly underShouldProcess: boolean;
}

export interface ParameterCheck {
  /** Variables the condition reads, without `$`, lower case. */
  readonly variables: readonly string[];
  readonly end: number;
}

/** Commands that change a tenant: Set-/New-/Add-/Remove- and their kin. */
export const CHANGE_COMMAND = /^(Set|New|Add|Remove|Update|Enable|Disable)-/i;

function descendants(node: Node, type: string): Node[] {
  return node.descendantsOfType(type).filter((n): n is Node => n !== null);
}

function underShouldProcess(node: Node): boolean {
  for (let child = node, parent = node.parent; parent !== null; child = parent, parent = parent.parent) {
    if (parent.type !== "if_statement") continue;
    const condition = parent.childForFieldName("condition");
    if (condition !== null && condition.id !== child.id && /\$PSCmdlet\.ShouldProcess\(/i.test(condition.text)) return true;
  }
  return false;
}

function read(root: Node): PowerShellScript {
  const errors = [...descendants(root, "ERROR"), ...collectMissing(root)].map((n) => `${n.type}@${n.startPosition.row + 1}:${n.startPosition.column + 1}`);
  const paramBlock = root.namedChildren.find((n) => n?.type === "param_block") ?? undefined;
  let cmdletBinding: string[] | undefined;
  const parameters: string[] = [];
  if (paramBlock) {
    const binding = paramBlock.namedChildren
      .find((n) => n?.type === "attribute_list")
      ?.namedChildren.find((a) => a?.namedChildren.find((c) => c?.type === "attribute_name")?.text === "CmdletBinding");
    if (binding) cmdletBinding = descendants(binding, "attribute_argument").map((a) => a.text);
    for (const p of descendants(paramBlock, "script_parameter")) {
      const variable = p.namedChildren.find((c) => c?.type === "variable");
      if (variable) parameters.push(variable.text.replace(/^\$/, ""));
    }
  }
  const commands = descendants(root, "command_name").map((n) => ({ name: n.text, start: n.startIndex, underShouldProcess: underShouldProcess(n) }));
  const topLevel = (root.namedChildren.find((n) => n?.type === "statement_list")?.namedChildren ?? []).filter((s): s is Node => s !== null);
  const name = (v: Node) => v.text.replace(/^\$/, "").toLowerCase();
  const known = new Set([...parameters.map((p) => p.toLowerCase()), "true", "false", "null"]);
  const checks: ParameterCheck[] = [];
  let commandSeen = false;
  for (const s of topLevel) {
    const assignment = s.type === "pipeline" ? s.namedChildren[0] : undefined;
    if (!commandSeen && assignment?.type === "assignment_expression") {
      // (assignment_expression (left_assignment_expression ... (variable)) (assignement_operator) (pipeline ...))
      const [target, ...value] = assignment.namedChildren.filter((c): c is Node => c !== null);
      const variable = target ? descendants(target, "variable") : [];
      const literal = value.every((v) => descendants(v, "command_name").length === 0 && descendants(v, "variable").length === 0);
      if (variable.length === 1 && literal) known.add(name(variable[0]!));
      continue;
    }
    commandSeen ||= descendants(s, "command_name").length > 0 || assignment?.type === "assignment_expression";
    if (s.type !== "if_statement" || !descendants(s, "flow_control_statement").some((f) => /^throw\b/i.test(f.text))) continue;
    const condition = s.childForFieldName("condition")!;
    const variables = descendants(condition, "variable").map(name);
    if (descendants(condition, "command_name").length === 0 && variables.every((v) => known.has(v))) checks.push({ variables, end: s.endIndex });
  }
  return { errors, ...(cmdletBinding ? { cmdletBinding } : {}), parameters, commands, checks };
}

function collectMissing(node: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (n.isMissing) out.push(n);
    for (const c of n.children) if (c) walk(c);
  };
  walk(node);
  return out;
}

let loaded: Promise<Parser> | undefined;

/** Loads the grammar once per test file; the returned function parses a script. */
export async function powershellGrammar(): Promise<(text: string) => PowerShellScript> {
  loaded ??= (async () => {
    await Parser.init();
    // Bytes, not a path: with a path web-tree-sitter imports fs dynamically, which jest's CommonJS runtime refuses.
    const language = await Language.load(readFileSync(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm")));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  const parser = await loaded;
  return (text) => {
    const tree = parser.parse(text);
    if (!tree) throw new Error("tree-sitter returned no tree");
    try {
      return read(tree.rootNode);
    } finally {
      tree.delete();
    }
  };
}
