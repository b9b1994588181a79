import type { Rule } from "./rule";
import { configShape } from "./GE001-config-shape";
import { invalidSuppression } from "./GE002-invalid-suppression";
import { unusedSuppression } from "./GE003-unused-suppression";
import { mailboxNameCharacters } from "./GE101-mailbox-name-characters";
import { mailboxNameLength } from "./GE102-mailbox-name-length";
import { mailboxNameUnique } from "./GE103-mailbox-name-unique";
import { outboundMailboxName } from "./GE104-outbound-mailbox-name";
import { maxSizeRange } from "./GE105-max-size-range";
import { inboundServerType } from "./GE106-inbound-server-type";
import { outboundServerType } from "./GE107-outbound-server-type";
import { portRange } from "./GE108-port-range";
import { hostName } from "./GE109-host-name";
import { singleOutbound } from "./GE110-single-outbound";
import { passwordRequired } from "./GE111-password-required";
import { literalSecret } from "./GE112-literal-secret";
import { pop3OAuthUnsupported } from "./GE113-pop3-oauth-unsupported";
import { directoryId } from "./GE114-directory-id";
import { oneTestMailbox } from "./GE115-one-test-mailbox";
import { testMailboxOwnCredential } from "./GE116-test-mailbox-own-credential";
import { tenantAuthorityHttps } from "./GE117-tenant-authority-https";
import { emailAddress } from "./GE118-email-address";
import { fromAddressUnique } from "./GE119-from-address-unique";
import { fromAddressDisplayName } from "./GE120-from-address-display-name";
import { fromAddressFolder } from "./GE121-from-address-folder";
import { graphRequiresOAuth } from "./GE122-graph-requires-oauth";
import { secretVariableName } from "./GE123-secret-variable-name";
import { oauthLoginUpn } from "./GE124-oauth-login-upn";
import { clientIdGuid } from "./GE125-client-id-guid";
import { clientSecretLifetime } from "./GE126-client-secret-lifetime";
import { placeholderLeft } from "./GE143-placeholder-left";
import { wireFieldCharacters } from "./GE127-wire-field-characters";
import { templateSequence } from "./GE128-template-sequence";
import { exchangeGroupNameLength } from "./GE129-exchange-group-name-length";
import { applicationOwners } from "./GE131-application-owners";
import { backendSecret } from "./GE140-backend-secret";
import { existingObjectIds } from "./GE135-existing-object-ids";
import { existingResourcesKnown } from "./GE136-existing-resources-known";
import { existingConsentIds } from "./GE137-existing-consent-ids";
import { existingIncomplete } from "./GE138-existing-incomplete";
import { basicAuthExchangeOnline } from "./GE201-basic-auth-exchange-online";
import { ewsRetirement } from "./GE202-ews-retirement";
import { inboundMailboxCount } from "./GE203-inbound-mailbox-count";
import { nonMicrosoftAuthority } from "./GE204-non-microsoft-authority";
import { portProtocolMismatch } from "./GE205-port-protocol-mismatch";
import { sharedLogin } from "./GE206-shared-login";
import { graphPasswordIgnored } from "./GE207-graph-password-ignored";
import { clientSecretLifetimeLong } from "./GE208-client-secret-lifetime-long";
import { exchangeRbacExistingApp } from "./GE209-exchange-rbac-existing-app";
import { graphTestMailboxSharedSecret } from "./GE210-graph-test-mailbox-shared-secret";
import { assignmentNotRequired } from "./GE211-assignment-not-required";

/** The rule pack: every rule by ID, in ID order. RULES.md is generated from it. */
export const RULES: readonly Rule[] = [
  configShape,
  invalidSuppression,
  unusedSuppression,
  mailboxNameCharacters,
  mailboxNameLength,
  mailboxNameUnique,
  outboundMailboxName,
  maxSizeRange,
  inboundServerType,
  outboundServerType,
  portRange,
  hostName,
  singleOutbound,
  passwordRequired,
  literalSecret,
  pop3OAuthUnsupported,
  directoryId,
  oneTestMailbox,
  testMailboxOwnCredential,
  tenantAuthorityHttps,
  emailAddress,
  fromAddressUnique,
  fromAddressDisplayName,
  fromAddressFolder,
  graphRequiresOAuth,
  secretVariableName,
  oauthLoginUpn,
  clientIdGuid,
  clientSecretLifetime,
  wireFieldCharacters,
  templateSequence,
  exchangeGroupNameLength,
  applicationOwners,
  backendSecret,
  existingObjectIds,
  existingResourcesKnown,
  existingConsentIds,
  existingIncomplete,
  placeholderLeft,
  basicAuthExchangeOnline,
  ewsRetirement,
  inboundMailboxCount,
  nonMicrosoftAuthority,
  portProtocolMismatch,
  sharedLogin,
  graphPasswordIgnored,
  clientSecretLifetimeLong,
  exchangeRbacExistingApp,
  graphTestMailboxSharedSecret,
  assignmentNotRequired,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export type { Rule, Severity, Violation, SchemaIssue } from "./rule";
export type { Finding, SourceLocation } from "./finding";
export { formatFinding, compareFindings } from "./finding";
export { textReport, reportSummary, describeFinding, findingLines, groupAcrossEnvironments, skippedRulesNote, type TextReportOptions, type GroupedFinding } from "./report";
