import type { ServerType } from "../model/config";

export type StepName = "secret" | "token" | "connect" | "login" | "inbox" | "stat" | "size" | "send" | "logout";

/** One timed step of a mailbox check. `detail` never holds a secret. */
export interface StepResult {
  readonly step: StepName;
  readonly ok: boolean;
  /** Wall-clock milliseconds the step took. */
  readonly ms: number;
  /** What happened: a count, a limit, or the (redacted) error. */
  readonly detail: string;
}

export type Verdict = "pass" | "fail";

export interface MailboxResult {
  /** Mailbox Name (`smtp-client` for the outbound one). */
  readonly name: string;
  /** Login of the account. */
  readonly mailbox: string;
  readonly protocol: ServerType;
  readonly auth: "oauth2" | "basic";
  readonly testMailbox: boolean;
  readonly verdict: Verdict;
  readonly steps: readonly StepResult[];
  /** The fix for a failure, in the words of this setup; absent on pass. */
  readonly fix?: string;
  /** Stable code of the failure (e.g. `AADSTS50076`, `ECONNREFUSED`, `AUTH_REJECTED`); absent on pass. */
  readonly code?: string;
  /** True when the mailbox ended at once because of the run's cause (the token endpoint could not be reached). */
  readonly byRunCause?: boolean;
  /** Milliseconds for the whole mailbox. */
  readonly ms: number;
}

export interface CheckSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  /** Token requests sent to the authority (cache hits and shared tokens excluded). */
  readonly tokenRequests: number;
  readonly ms: number;
}

/** A failure of something every mailbox needs (the token endpoint): reported once, for the whole run. */
export interface RunCause {
  readonly code: string;
  /** The config field that names what failed, e.g. `tenant.authority`. */
  readonly field: string;
  readonly detail: string;
  readonly fix: string;
}

export interface CheckReport {
  readonly mailboxes: readonly MailboxResult[];
  readonly summary: CheckSummary;
  /** Set when the token endpoint could not be reached: the OAuth 2.0 mailboxes after the first ended with it at once. */
  readonly cause?: RunCause;
  /** The HTTPS proxy used (`http://host:port`, never its credentials), when HTTPS_PROXY is set. IMAP, POP3 and SMTP never use it. */
  readonly proxy?: string;
}
