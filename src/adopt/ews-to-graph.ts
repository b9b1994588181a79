import type { Document, Node as YamlNode, Pair } from "yaml";
import { EXCHANGE_ONLINE_HOSTS, microsoftCloud } from "../model/clouds";
import { emailConfigSchema, type EmailConfig } from "../model/config";
import { formatPath, type FieldPath } from "../model/path";
import { requiredPermissions } from "../permissions";
import { resolveEnvironments, validateEnvironment, type ResolvedEnvironment } from "../config/environments";
import type { Finding } from "../rules/finding";
import { quote } from "../text/terminal";

/**
 * `migrate ews-to-graph`: every EWS mailbox on Exchange Online becomes a GRAPH mailbox. The file is edited in
 * place, text range by text range, at the nodes the parsed Document locates (the base or an environment's
 * override, wherever the merged value comes from): every other byte, comments included, stays as it was.
 */
export class MigrateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrateError";
  }
}

export interface MigratedMailbox {
  readonly name: string;
  readonly mailbox: string;
  /** The environments it is migrated in (empty for a file without `environments:`). */
  readonly environments: readonly string[];
  readonly fromHost: string;
  readonly toHost: string;
  /** Fields GRAPH does not take that were removed, e.g. `password`, `server.path`. */
  readonly dropped: readonly string[];
}

export interface EwsToGraphResult {
  readonly before: string;
  readonly after: string;
  readonly mailboxes: readonly MigratedMailbox[];
  /** Per environment (or the file), what the app registration needs now that it did not before. */
  readonly appNeeds: ReadonlyArray<{ readonly environment?: string; readonly permissions: readonly string[]; readonly clientSecret: boolean }>;
  /** Findings of the migrated file (warnings; errors make `ewsToGraph` throw). */
  readonly findings: readonly Finding[];
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const GRAPH_PORT = 443;

function graphHost(config: EmailConfig): string {
  return new URL((microsoftCloud(config.tenant.authority) ?? { graphResource: "https://graph.microsoft.com" }).graphResource).host;
}

/** The path in the file of the value the merged config shows at `path` (the base's or the environment's override). */
function sourcePath(file: string, env: ResolvedEnvironment | undefined, data: unknown, path: FieldPath): FieldPath {
  if (!env?.environment) return path;
  let found: FieldPath = path;
  const [again] = resolveEnvironments({ file, data, locate: (p) => ((found = p), undefined) }).filter((e) => e.environment === env.environment);
  again!.locate(path);
  return found;
}

function isEwsOnExchangeOnline(m: { server: { type: string; host: string } }): boolean {
  return m.server.type === "EWS" && EXCHANGE_ONLINE_HOSTS.test(m.server.host);
}

/** Edits `text` so the named (or every) EWS mailbox on Exchange Online is a GRAPH mailbox. */
export function ewsToGraph(text: string, file: string, options: { readonly mailboxes?: readonly string[]; readonly now?: Date } = {}): EwsToGraphResult {
  const { parseDocument, isMap, isPair, isScalar } = require("yaml") as typeof import("yaml");
  const doc: Document.Parsed = parseDocument(text, { uniqueKeys: true, strict: true });
  if (doc.errors.length) throw new MigrateError(`${file}: YAML syntax error: ${doc.errors[0]!.message.split("\n")[0]}`);
  const data = doc.toJS({ maxAliasCount: 1000 });
  const environments = resolveEnvironments({ file, data, locate: () => undefined });

  const nodeAt = (path: FieldPath): YamlNode | undefined => doc.getIn(path, true) as YamlNode | undefined;
  const pairAt = (path: FieldPath): { pair: Pair; flow: boolean; map: { items: Pair[] } } | undefined => {
    const parent = path.length === 1 ? doc.contents : nodeAt(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[path.length - 1]);
    return pair ? { pair, flow: parent.flow === true || (parent as { srcToken?: { type?: string } }).srcToken?.type === "flow-collection", map: parent } : undefined;
  };

  const edits = new Map<string, Edit>();
  const migrated = new Map<string, { name: string; mailbox: string; environments: string[]; fromHost: string; toHost: string; dropped: Set<string> }>();
  const touched = new Set<string>();
  const wanted = new Set(options.mailboxes ?? []);
  const candidates = new Set<string>();
  const key = (path: FieldPath) => JSON.stringify(path);

  const replaceScalar = (path: FieldPath, value: string) => {
    const node = nodeAt(path);
    if (!isScalar(node) || !node.range) throw new MigrateError(`${file}: ${formatPath(path)} is not a plain value; edit it by hand.`);
    edits.set(key(path), { start: node.range[0], end: node.range[1], text: value });
    touched.add(key(path));
  };
  const removePair = (path: FieldPath) => {
    const found = pairAt(path);
    if (!found || !isScalar(found.pair.key) || !found.pair.key.range) return;
    touched.add(key(path));
    const value = found.pair.value as YamlNode | null;
    const keyStart = found.pair.key.range[0];
    const valueEnd = value?.range?.[1] ?? found.pair.key.range[1];
    if (found.flow) {
      const index = found.map.items.indexOf(found.pair);
      const previous = found.map.items[index - 1];
      const next = found.map.items[index + 1];
      const prevEnd = (previous?.value as YamlNode | null)?.range?.[1] ?? (isScalar(previous?.key) ? previous.key.range?.[1] : undefined);
      if (previous && prevEnd !== undefined) edits.set(key(path), { start: prevEnd, end: valueEnd, text: "" });
      else if (next && isScalar(next.key) && next.key.range) edits.set(key(path), { start: keyStart, end: next.key.range[0], text: "" });
      return;
    }
    const lineStart = text.lastIndexOf("\n", keyStart - 1) + 1;
    // A block collection's range ends after its last line break; a scalar's on its own line.
    const newline = text[valueEnd - 1] === "\n" ? valueEnd - 1 : text.indexOf("\n", valueEnd);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const rest = text.slice(valueEnd, lineEnd);
    const comment = /#.*$/.exec(rest.replace(/\r?\n$/, ""));
    const indent = text.slice(lineStart, keyStart).replace(/[^ \t]/g, " ");
    // A trailing comment on the removed line stays, on a line of its own.
    edits.set(key(path), { start: lineStart, end: lineEnd, text: comment ? `${indent}${comment[0]}${text.slice(lineEnd - (rest.endsWith("\r\n") ? 2 : 1), lineEnd)}` : "" });
  };

  for (const env of environments) {
    const parsed = emailConfigSchema.safeParse(env.data);
    if (!parsed.success) continue;
    const config = parsed.data;
    config.mailboxes.inbound.forEach((m, i) => {
      if (!isEwsOnExchangeOnline(m)) return;
      candidates.add(m.name);
      if (wanted.size && !wanted.has(m.name)) return;
      const at = (...rest: Array<string | number>) => sourcePath(file, env, data, ["mailboxes", "inbound", i, ...rest]);
      const host = graphHost(config);
      const entry = migrated.get(m.name) ?? { name: m.name, mailbox: m.mailbox, environments: [], fromHost: m.server.host, toHost: host, dropped: new Set<string>() };
      if (env.environment) entry.environments.push(env.environment);
      migrated.set(m.name, entry);
      replaceScalar(at("server", "type"), "GRAPH");
      replaceScalar(at("server", "host"), host);
      if (m.server.port !== undefined && m.server.port !== GRAPH_PORT) replaceScalar(at("server", "port"), String(GRAPH_PORT));
      if (m.server.path !== undefined) {
        removePair(at("server", "path"));
        entry.dropped.add("server.path (EWS only)");
      }
      if (m.server.tls === "starttls") {
        removePair(at("server", "tls"));
        entry.dropped.add("server.tls: starttls (GRAPH is HTTPS)");
      }
      if (m.password !== undefined) {
        removePair(at("password"));
        entry.dropped.add("password (GRAPH signs in with the app's client secret)");
      }
      if (m.auth === "basic") replaceScalar(at("auth"), "oauth2");
    });
  }
  const unknown = [...wanted].filter((n) => !candidates.has(n));
  if (unknown.length) {
    throw new MigrateError(
      `${file}: ${unknown.map((n) => quote(n)).join(", ")} ${unknown.length > 1 ? "are" : "is"} not an EWS mailbox on Exchange Online; ${candidates.size ? `these are: ${[...candidates].join(", ")}` : "the file has none"}.`,
    );
  }

  // A value shared with an environment where the mailbox stays EWS (or is not on Exchange Online) cannot change.
  for (const env of environments) {
    const parsed = emailConfigSchema.safeParse(env.data);
    if (!parsed.success) continue;
    parsed.data.mailboxes.inbound.forEach((m, i) => {
      if (migrated.has(m.name) && isEwsOnExchangeOnline(m)) return;
      for (const field of [["server", "type"], ["server", "host"]]) {
        const shared = sourcePath(file, env, data, ["mailboxes", "inbound", i, ...field]);
        if (touched.has(key(shared))) {
          throw new MigrateError(
            `${file}: ${formatPath(shared)} is shared with ${env.environment ? `environment ${env.environment}` : "the base"}, where mailbox ${quote(m.name)} ${m.server.type === "EWS" ? "is not on Exchange Online" : `is ${m.server.type}`}; move it by hand (set server in each environment's override).`,
          );
        }
      }
    });
  }

  let after = text;
  for (const e of [...edits.values()].sort((a, b) => b.start - a.start)) after = after.slice(0, e.start) + e.text + after.slice(e.end);

  // The result must validate; and the app's new needs come from the same derivation the stack uses.
  const afterData = (require("yaml") as typeof import("yaml")).parse(after, { maxAliasCount: 1000 });
  const afterEnvs = resolveEnvironments({ file, data: afterData, locate: () => undefined });
  const findings: Finding[] = [];
  const appNeeds: Array<{ environment?: string; permissions: string[]; clientSecret: boolean }> = [];
  afterEnvs.forEach((env, n) => {
    const result = validateEnvironment(env, options.now ? { now: options.now } : {});
    findings.push(...result.findings);
    const before = emailConfigSchema.safeParse(environments[n]?.data);
    if (!result.config || !before.success) return;
    const had = requiredPermissions(before.data);
    const has = requiredPermissions(result.config);
    const hadKeys = new Set(had.permissions.map((p) => `${p.resource.appId}/${p.id}`));
    const permissions = [
      ...has.permissions.filter((p) => !hadKeys.has(`${p.resource.appId}/${p.id}`)).map((p) => `${p.resource.name} ${p.value} (${p.type === "Role" ? "application" : "delegated"}) with admin consent`),
      ...has.exchangeRoles.filter((r) => !had.exchangeRoles.includes(r)).map((r) => `the Exchange Online role ${r} scoped to the GRAPH mailboxes (exchange-setup.ps1)`),
    ];
    if (migrated.size) appNeeds.push({ ...(env.environment ? { environment: env.environment } : {}), permissions, clientSecret: has.clientSecret && !had.clientSecret });
  });
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) {
    throw new MigrateError(`${file}: the migrated config would not validate; nothing was written:\n${errors.map((f) => `  ${f.environment ? `[${f.environment}] ` : ""}${f.ruleId} ${f.path}: ${f.message}`).join("\n")}`);
  }
  return {
    before: text,
    after,
    mailboxes: [...migrated.values()].map((m) => ({ ...m, dropped: [...m.dropped] })),
    appNeeds,
    findings,
  };
}

/** The text for Genesys Customer Care: which mailboxes change type, and what the app registration has now. */
export function customerCareText(result: EwsToGraphResult, clientId?: string): string {
  if (result.mailboxes.length === 0) return "";
  const lines = ["Request to Genesys Customer Care: change the mailbox type from EWS to GRAPH (Microsoft Graph API, client credentials)", ""];
  for (const m of result.mailboxes) {
    lines.push(`- ${m.name} (${m.mailbox})${m.environments.length ? ` in ${m.environments.join(", ")}` : ""}: type EWS -> GRAPH, host ${m.fromHost} -> ${m.toHost}, port 443.`);
  }
  lines.push("", `The app registration${clientId ? ` (client-id ${clientId})` : ""} signs in for these mailboxes with its client secret, not the mailbox password.`);
  for (const need of result.appNeeds) {
    const where = need.environment ? `In ${need.environment}, the` : "The";
    const what = [...need.permissions, ...(need.clientSecret ? ["a client secret (sent separately, never in the case text)"] : [])];
    lines.push(what.length ? `${where} app now needs: ${what.join("; ")}. The Terraform stack grants them on the next apply.` : `${where} app already has what GRAPH needs.`);
  }
  return `${lines.join("\n")}\n`;
}
