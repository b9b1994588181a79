import { readFileSync } from "node:fs";
import * as tls from "node:tls";
import { unreadableReason } from "../text/file-errors";

/**
 * TLS trust for every connection the check makes (token endpoint, IMAP, POP3, SMTP, Graph, EWS).
 * Verification is always on; the only knob is *adding* trust with a CA file.
 */
export interface Trust {
  /**
   * The CA list to pass as `ca`, or undefined to use Node's default store unchanged (the bundled
   * roots plus NODE_EXTRA_CA_CERTS). Passing `ca` replaces that store, so it is rebuilt here in full.
   */
  readonly ca?: readonly string[];
  /** One secure context holding `ca`, shared by all connections (parsing a few hundred CAs per connection would cost more than the connection). */
  readonly secureContext?: tls.SecureContext;
  /** The CA file given with --ca-file, for messages. */
  readonly caFile?: string;
}

export class CaFileError extends Error {
  constructor(
    readonly file: string,
    why: string,
  ) {
    super(`--ca-file ${file}: ${why}`);
    this.name = "CaFileError";
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Builds the trust from the system store, NODE_EXTRA_CA_CERTS and an optional PEM file; throws CaFileError for an unreadable or empty file. */
export function buildTrust(caFile: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): Trust {
  if (caFile === undefined) return {};
  let text: string;
  try {
    text = readFileSync(caFile, "utf8");
  } catch (error) {
    throw new CaFileError(caFile, unreadableReason(error));
  }
  const certs = text.match(PEM_CERT) ?? [];
  if (certs.length === 0) throw new CaFileError(caFile, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
  const ca = [...tls.rootCertificates, ...extraCaCerts(env), ...certs];
  let secureContext: tls.SecureContext;
  try {
    secureContext = tls.createSecureContext({ ca });
  } catch (error) {
    throw new CaFileError(caFile, `holds a certificate that cannot be parsed (${(error as Error).message})`);
  }
  return { ca, secureContext, caFile };
}

/** NODE_EXTRA_CA_CERTS extends Node's default store only; it must be carried over when `ca` replaces the store. */
function extraCaCerts(env: Readonly<Record<string, string | undefined>>): string[] {
  const file = env["NODE_EXTRA_CA_CERTS"];
  if (!file) return [];
  try {
    return readFileSync(file, "utf8").match(PEM_CERT) ?? [];
  } catch {
    return []; // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS.
  }
}

/** The `tls.connect` options every protocol client uses: verification on, SNI only for host names. */
export function tlsOptions(trust: Trust, host: string): tls.ConnectionOptions {
  return {
    rejectUnauthorized: true,
    ...(trust.secureContext ? { secureContext: trust.secureContext } : {}),
    ...(isIpAddress(host) ? {} : { servername: host }),
  };
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}
