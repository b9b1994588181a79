import type { FieldPath } from "../model/path";
import type { ConfigComment } from "./model";

/**
 * The imported config as YAML through `yaml`'s Document API, comments attached to the nodes they explain,
 * servers and secret references in flow style as in the examples. Comments and values are data to `yaml`,
 * which quotes whatever needs quoting.
 */
export function renderConfigYaml(config: unknown, comments: readonly ConfigComment[]): string {
  const { Document, isMap, isNode, isPair, isScalar, isSeq } = require("yaml") as typeof import("yaml");
  const doc = new Document(config);
  const flow = (path: FieldPath) => {
    const node = doc.getIn(path, true);
    if (isMap(node)) node.flow = true;
  };
  const root = doc.toJS() as { mailboxes?: { inbound?: unknown[]; outbound?: unknown } };
  (root.mailboxes?.inbound ?? []).forEach((_m, i) => {
    flow(["mailboxes", "inbound", i, "server"]);
    flow(["mailboxes", "inbound", i, "password"]);
  });
  if (root.mailboxes?.outbound) {
    flow(["mailboxes", "outbound", "server"]);
    flow(["mailboxes", "outbound", "password"]);
  }
  const append = (existing: string | null | undefined, text: string) => (existing ? `${existing}\n${text}` : text);
  for (const { path, text } of comments) {
    if (path.length === 0) {
      doc.commentBefore = append(doc.commentBefore, text);
      continue;
    }
    const last = path[path.length - 1]!;
    const parent = doc.getIn(path.slice(0, -1), true);
    if (typeof last === "number" && isSeq(parent)) {
      const item = parent.items[last];
      if (isNode(item)) item.commentBefore = append(item.commentBefore, text);
      continue;
    }
    const pair = isMap(parent) ? parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last) : undefined;
    if (pair && isScalar(pair.key)) pair.key.commentBefore = append(pair.key.commentBefore, text);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
