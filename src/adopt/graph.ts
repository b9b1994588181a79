import * as z from "zod";
import { readFileSync } from "node:fs";
import { CONSENT_ID, GUID } from "../model/guid";
import { AdoptInputError, shown } from "./errors";
import { unreadableReason } from "../text/file-errors";

/**
 * The Microsoft Graph v1.0 responses `import` reads, in the shape Graph returns them (an object, or a collection
 * `{ "@odata.context": …, "value": [ … ] }`). Only the fields used here are checked; Graph's other fields pass.
 * Sources (Microsoft Graph REST API v1.0 reference, learn.microsoft.com/graph/api/resources/…): application,
 * servicePrincipal, oAuth2PermissionGrant, appRoleAssignment, requiredResourceAccess, passwordCredential;
 * examples in application-get, serviceprincipal-get, oauth2permissiongrant-list, serviceprincipal-list-approleassignments.
 */

const guid = z.string().regex(GUID, "must be a GUID");
const consentId = z.string().regex(CONSENT_ID, "must be Graph's id of the consent (base64url)");
const uris = z.array(z.string()).nullish();

export const graphApplicationSchema = z.looseObject({
  id: guid,
  appId: guid,
  displayName: z.string().nullish(),
  signInAudience: z.string().nullish(),
  isFallbackPublicClient: z.boolean().nullish(),
  identifierUris: uris,
  requiredResourceAccess: z.array(
    z.looseObject({
      resourceAppId: guid,
      resourceAccess: z.array(z.looseObject({ id: guid, type: z.enum(["Scope", "Role"]) })),
    }),
  ),
  /** Metadata only: Graph never returns a secret's text after it was created (secretText is null). */
  passwordCredentials: z
    .array(z.looseObject({ keyId: guid, displayName: z.string().nullish(), endDateTime: z.string().nullish(), hint: z.string().nullish() }))
    .nullish(),
  web: z.looseObject({ redirectUris: uris }).nullish(),
  spa: z.looseObject({ redirectUris: uris }).nullish(),
  publicClient: z.looseObject({ redirectUris: uris }).nullish(),
});
export type GraphApplication = z.infer<typeof graphApplicationSchema>;

export const graphServicePrincipalSchema = z.looseObject({
  id: guid,
  appId: guid,
  displayName: z.string().nullish(),
  /** The tenant that owns the app registration: the Directory (tenant) ID for an app registered in this tenant. */
  appOwnerOrganizationId: guid.nullish(),
  appRoleAssignmentRequired: z.boolean().nullish(),
});
export type GraphServicePrincipal = z.infer<typeof graphServicePrincipalSchema>;

export const graphGrantSchema = z.looseObject({
  id: consentId,
  clientId: guid,
  consentType: z.enum(["AllPrincipals", "Principal"]),
  principalId: guid.nullish(),
  resourceId: guid,
  scope: z.string().nullish(),
});
export type GraphGrant = z.infer<typeof graphGrantSchema>;

export const graphAppRoleAssignmentSchema = z.looseObject({
  id: consentId,
  appRoleId: guid,
  principalId: guid,
  principalType: z.string().nullish(),
  resourceId: guid,
  resourceDisplayName: z.string().nullish(),
});
export type GraphAppRoleAssignment = z.infer<typeof graphAppRoleAssignmentSchema>;

export const graphResourceSchema = z.looseObject({ id: guid, appId: guid, displayName: z.string().nullish() });
export type GraphResource = z.infer<typeof graphResourceSchema>;

/** What each input is, and the `az rest` call that produces it (docs/adopting.md gives them verbatim). */
export interface GraphKind<T> {
  readonly what: string;
  /** The entity set named in `@odata.context` (`…/$metadata#applications/$entity` → `applications`). */
  readonly entitySet: string;
  readonly collection: boolean;
  readonly schema: z.ZodType<T>;
  readonly request: string;
}

export const APPLICATION: GraphKind<GraphApplication> = {
  what: "an application",
  entitySet: "applications",
  collection: false,
  schema: graphApplicationSchema,
  request: "az rest --method get --url 'https://graph.microsoft.com/v1.0/applications/<object-id>'",
};
export const SERVICE_PRINCIPAL: GraphKind<GraphServicePrincipal> = {
  what: "a servicePrincipal",
  entitySet: "servicePrincipals",
  collection: false,
  schema: graphServicePrincipalSchema,
  request: "az rest --method get --url \"https://graph.microsoft.com/v1.0/servicePrincipals(appId='<app-id>')\"",
};
export const GRANTS: GraphKind<GraphGrant> = {
  what: "oauth2PermissionGrants",
  entitySet: "oauth2PermissionGrants",
  collection: true,
  schema: graphGrantSchema,
  request: "az rest --method get --url \"https://graph.microsoft.com/v1.0/oauth2PermissionGrants?\\$filter=clientId eq '<sp-object-id>'\"",
};
export const APP_ROLE_ASSIGNMENTS: GraphKind<GraphAppRoleAssignment> = {
  what: "appRoleAssignments",
  entitySet: "appRoleAssignments",
  collection: true,
  schema: graphAppRoleAssignmentSchema,
  request: "az rest --method get --url 'https://graph.microsoft.com/v1.0/servicePrincipals/<sp-object-id>/appRoleAssignments'",
};
export const RESOURCES: GraphKind<GraphResource> = {
  what: "the resource APIs' servicePrincipals",
  entitySet: "servicePrincipals",
  collection: true,
  schema: graphResourceSchema,
  request:
    "az rest --method get --url \"https://graph.microsoft.com/v1.0/servicePrincipals?\\$filter=appId in ('00000003-0000-0000-c000-000000000000','00000002-0000-0ff1-ce00-000000000000')&\\$select=id,appId,displayName\"",
};

/** `https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('…')/appRoleAssignments` → `appRoleAssignments`. */
function entitySetOf(context: string): string | undefined {
  const hash = context.indexOf("#");
  if (hash < 0) return undefined;
  const segments = context.slice(hash + 1).split("/").filter((s) => s !== "$entity" && s !== "");
  const last = segments[segments.length - 1];
  return last?.replace(/\(.*$/, "");
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fieldPath(path: ReadonlyArray<PropertyKey>, prefix: string): string {
  let out = prefix;
  for (const s of path) out += typeof s === "number" ? `[${s}]` : out ? `.${String(s)}` : String(s);
  return out;
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = value;
  for (const s of path) v = isMapping(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[s as string] : undefined;
  return v;
}

function check<T>(item: unknown, kind: GraphKind<T>, file: string, prefix: string): T {
  const parsed = kind.schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const value = valueAt(item, issue.path);
  const field = fieldPath(issue.path, prefix);
  const problem =
    value === undefined
      ? `required field ${field} is missing: this is not ${kind.what} as Graph returns it`
      : issue.code === "invalid_format" || issue.code === "invalid_value"
        ? `${field} ${issue.code === "invalid_value" ? `must be one of ${(issue as { values: unknown[] }).values.join(", ")}` : issue.message}; ${shown(value)} given`
        : `${field} has the wrong type (${issue.message})`;
  throw new AdoptInputError(file, field, problem, `save the unchanged output of: ${kind.request}`);
}

/** Parses one Graph response (already read) as `kind`: an object, or (for collections) `{ value: [...] }` or one entry. */
export function parseGraph<T>(text: string, file: string, kind: GraphKind<T>): T[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    // JSON.parse's message quotes the file's text: not echoed (it could hold control characters or a secret).
    throw new AdoptInputError(file, "", "not JSON: Graph answers with a JSON object, starting with {", `save the unchanged output of: ${kind.request}`);
  }
  if (!isMapping(data)) {
    throw new AdoptInputError(file, "", `not a Graph response: a JSON ${Array.isArray(data) ? "array" : typeof data} where ${kind.what} object is expected`, `save the unchanged output of: ${kind.request}`);
  }
  const context = typeof data["@odata.context"] === "string" ? data["@odata.context"] : undefined;
  const set = context ? entitySetOf(context) : undefined;
  if (set && set !== kind.entitySet) {
    throw new AdoptInputError(file, "@odata.context", `this is a response about ${shown(set)}, not ${kind.what}`, `pass each file to its own flag; this one comes from: ${kind.request}`);
  }
  if ("value" in data) {
    if (!kind.collection) {
      throw new AdoptInputError(
        file,
        "value",
        `a collection (value: [...]) where one ${kind.what.replace(/^an? /, "")} object is expected`,
        `read the one object by its ID: ${kind.request}`,
      );
    }
    if (!Array.isArray(data.value)) throw new AdoptInputError(file, "value", "must be a list", `save the unchanged output of: ${kind.request}`);
    if (typeof data["@odata.nextLink"] === "string") {
      throw new AdoptInputError(file, "@odata.nextLink", "Graph returned only the first page of the collection", "follow @odata.nextLink and merge the pages' value lists into one file, or add $top=999 to the request");
    }
    return data.value.map((item, i) => check(item, kind, file, `value[${i}]`));
  }
  return [check(data, kind, file, "")];
}

/** Reads and parses a Graph JSON file; an unreadable file is an input error naming it. */
export function readGraphFile<T>(file: string, kind: GraphKind<T>, read: (file: string) => string = (f) => readFileSync(f, "utf8")): T[] {
  return parseGraph(readInput(file, read), file, kind);
}

/** Reads an input file, turning the file system's error into one line naming the file. */
export function readInput(file: string, read: (file: string) => string): string {
  try {
    return read(file);
  } catch (error) {
    throw new AdoptInputError(file, "", unreadableReason(error), "check the path");
  }
}
