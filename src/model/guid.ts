/** Entra tenant and client IDs are GUIDs (any version, case-insensitive). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Graph's id of an oauth2PermissionGrant or appRoleAssignment: base64url, no padding (e.g. `AVs6JuUDjkCFV7q2gd8QTPimBBgj5iBFj0C6GwwRxC0`). */
export const CONSENT_ID = /^[A-Za-z0-9_-]{22,128}$/;
