import type { RunAgents } from "../proxy";
import type * as tls from "node:tls";
import type { Credential } from "../credentials";
import type { StepLog } from "../steps";
import type { Trust } from "../tls";

/** Everything a protocol probe needs for one mailbox. */
export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: "implicit" | "starttls";
  /** Login (UPN) of the account. */
  readonly login: string;
  readonly credential: Credential;
  readonly trust: Trust;
  readonly tlsOptions: tls.ConnectionOptions;
  /** GRAPH and EWS: the run's keep-alive HTTPS pools (direct, or through HTTPS_PROXY). */
  readonly agents?: RunAgents;
  readonly timeoutMs: number;
  readonly log: StepLog;
  /** Records the size step against maxSizeMb when the server announces a limit (in bytes). */
  sizeLimit(bytes: number | undefined, source: string): void;
  /** SMTP: send one test message to this address (--send-test-to), and nowhere else. */
  readonly sendTestTo?: string;
  /** SMTP: the envelope and header sender of the test message. */
  readonly fromAddress?: string;
  /** EWS: the endpoint's path. */
  readonly path?: string;
}
