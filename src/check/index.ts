/** The connectivity check (`genesys-email check`): no CDKTF import here. */
export { runCheck, planMailboxes, unknownMailboxNames, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_SECONDS, type CheckOptions } from "./run";
export type { CheckReport, CheckSummary, MailboxResult, StepResult, StepName, Verdict } from "./types";
export { renderJson, renderText, renderMarkdown, progressLine } from "./report";
export { fixFor, AADSTS_FIXES, FIXES, ENABLE_PROTOCOL, enableProtocolFix, type FixContext } from "./fixes";
export { buildTrust, CaFileError, type Trust } from "./tls";
export { Redactor, redactPatterns } from "./redact";
export { authoritySettings, type AuthoritySettings } from "./cloud";
export { Pop3Client, type Pop3Reply, type Pop3ConnectOptions } from "./protocols/pop3-client";
