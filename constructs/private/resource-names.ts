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
