import { EXCHANGE_ONLINE, MICROSOFT_GRAPH, type ResourceApi } from "../../src/model/catalog";

/** A short, stable construct ID for a resource application (part of the Terraform address). */
export function resourceSlug(resource: ResourceApi): string {
  if (resource.appId === MICROSOFT_GRAPH.appId) return "microsoft-graph";
  if (resource.appId === EXCHANGE_ONLINE.appId) return "exchange-online";
  return resource.appId;
}

/** `Mail.ReadWrite` → `Mail-ReadWrite`: dots are legal in construct IDs but vanish from addresses. */
export function permissionSlug(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * Stable construct IDs for user principal names, by the name in lower case: `support@contoso.com` →
 * `support-contoso-com`. Names that would share a slug (`a.b@x.com`, `a-b@x.com`) get `-2`, `-3`… in sorted order,
 * so the IDs do not depend on the order of the config.
 */
export function userSlugs(userPrincipalNames: readonly string[]): Map<string, string> {
  const keys = [...new Set(userPrincipalNames.map((u) => u.toLowerCase()))].sort();
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of keys) {
    const base = key.replace(/[^a-z0-9_]+/g, "-").replace(/^-+|-+$/g, "") || "user";
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    slugs.set(key, slug);
  }
  return slugs;
}
