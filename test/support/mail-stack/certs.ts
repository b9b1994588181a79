// Throwaway PKI for one stack, made with node:crypto only (no openssl process: ~5 ms instead of ~0.5 s):
//   - a CA (EC P-256),
//   - a server certificate for IP:127.0.0.1 + DNS:localhost,
//   - a second server certificate from the same CA whose only name is DNS:wrong.example.test (hostname-mismatch tests),
//   - an RSA 2048 key for the RS256 JWTs (generated on the thread pool; see jwtKey()).
// The X.509 DER is assembled by hand below (v3 certificate, ecdsa-with-SHA256).
import * as crypto from "node:crypto";
import * as fs from "node:fs/promises";
import * as path from "node:path";

export const WRONG_CERT_NAME = "wrong.example.test";

export interface StackPki {
  caFile: string;
  caPem: string;
  serverCertFile: string;
  serverKeyFile: string;
  serverCertPem: string;
  serverKeyPem: string;
  wrongCertFile: string;
  wrongKeyFile: string;
  wrongCertPem: string;
  wrongKeyPem: string;
}

// ------------------------------------------------------------------------------------------------ DER

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const octets = (b: Buffer) => tlv(0x04, b);
const bitString = (b: Buffer, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), b);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const explicit = (n: number, c: Buffer) => tlv(0xa0 + n, c);
function int(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, (v[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}
function oid(dotted: string): Buffer {
  const p = dotted.split(".").map(Number);
  const out: number[] = [40 * p[0]! + p[1]!];
  for (const n of p.slice(2)) {
    const chunk: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      chunk.unshift((v & 0x7f) | (chunk.length ? 0x80 : 0));
      if (v < 128) break;
    }
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function time(d: Date): Buffer {
  const s = d.toISOString(); // 2024-05-07T12:34:56.789Z
  return tlv(0x17, Buffer.from(`${s.slice(2, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`, "ascii"));
}
const name = (...rdns: Array<[string, string]>) => seq(...rdns.map(([o, v]) => set(seq(oid(o), utf8(v)))));
const ext = (o: string, critical: boolean, value: Buffer) => seq(oid(o), ...(critical ? [bool(true)] : []), octets(value));

const OID = {
  cn: "2.5.4.3",
  o: "2.5.4.10",
  ecdsaSha256: "1.2.840.10045.4.3.2",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};

interface CertSpec {
  subject: Buffer;
  issuer: Buffer;
  publicKey: crypto.KeyObject;
  signingKey: crypto.KeyObject;
  issuerPublicKey: crypto.KeyObject;
  ca: boolean;
  san?: { ips: string[]; dns: string[] };
}

function keyId(k: crypto.KeyObject): Buffer {
  // RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING contents (for P-256 the last 65 bytes of the SPKI)
  const spki = k.export({ type: "spki", format: "der" });
  return crypto.createHash("sha1").update(spki.subarray(spki.length - 65)).digest();
}

function makeCert(s: CertSpec): string {
  const now = Date.now();
  const exts: Buffer[] = [
    ext(OID.basicConstraints, true, s.ca ? seq(bool(true)) : seq()),
    // keyUsage bits: digitalSignature(0) = 0x80; keyCertSign(5) + cRLSign(6) = 0x06
    ext(OID.keyUsage, true, s.ca ? bitString(Buffer.from([0x06]), 1) : bitString(Buffer.from([0x80]), 7)),
    ext(OID.subjectKeyId, false, octets(keyId(s.publicKey))),
    ext(OID.authorityKeyId, false, seq(tlv(0x80, keyId(s.issuerPublicKey)))),
  ];
  if (!s.ca) exts.push(ext(OID.extKeyUsage, false, seq(oid(OID.serverAuth))));
  if (s.san) {
    const ips = s.san.ips.map((ip) => tlv(0x87, Buffer.from(ip.split(".").map(Number))));
    const dns = s.san.dns.map((d) => tlv(0x82, Buffer.from(d, "ascii")));
    exts.push(ext(OID.subjectAltName, false, seq(...ips, ...dns)));
  }
  const sigAlg = seq(oid(OID.ecdsaSha256));
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(Buffer.concat([Buffer.from([0x40 | (crypto.randomBytes(1)[0]! & 0x3f)]), crypto.randomBytes(15)])),
    sigAlg,
    s.issuer,
    seq(time(new Date(now - 3_600_000)), time(new Date(now + 30 * 86_400_000))),
    s.subject,
    s.publicKey.export({ type: "spki", format: "der" }),
    explicit(3, seq(...exts)),
  );
  const sig = crypto.sign("sha256", tbs, s.signingKey); // ECDSA, DER-encoded (r, s)
  const der = seq(tbs, sigAlg, bitString(sig));
  return `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;
}

const ecKey = () => crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const keyPem = (k: crypto.KeyObject) => k.export({ type: "pkcs8", format: "pem" }).toString();

export async function generatePki(certDir: string): Promise<StackPki> {
  await fs.mkdir(certDir, { recursive: true });
  const tag = crypto.randomBytes(4).toString("hex");
  const ca = ecKey();
  const caName = name([OID.o, "genesys-email-iac tests"], [OID.cn, `mail-stack test CA ${tag}`]);
  const caPem = makeCert({ subject: caName, issuer: caName, publicKey: ca.publicKey, signingKey: ca.privateKey, issuerPublicKey: ca.publicKey, ca: true });
  const leaf = (cn: string, san: { ips: string[]; dns: string[] }) => {
    const k = ecKey();
    return {
      cert: makeCert({ subject: name([OID.cn, cn]), issuer: caName, publicKey: k.publicKey, signingKey: ca.privateKey, issuerPublicKey: ca.publicKey, ca: false, san }),
      key: keyPem(k.privateKey),
    };
  };
  const server = leaf("localhost", { ips: ["127.0.0.1"], dns: ["localhost"] });
  const wrong = leaf(WRONG_CERT_NAME, { ips: [], dns: [WRONG_CERT_NAME] });
  const p = (f: string) => path.join(certDir, f);
  await Promise.all([
    fs.writeFile(p("ca.crt"), caPem, { mode: 0o644 }),
    fs.writeFile(p("ca.key"), keyPem(ca.privateKey), { mode: 0o600 }),
    fs.writeFile(p("server.crt"), server.cert, { mode: 0o644 }),
    fs.writeFile(p("server.key"), server.key, { mode: 0o600 }),
    fs.writeFile(p("wrong.crt"), wrong.cert, { mode: 0o644 }),
    fs.writeFile(p("wrong.key"), wrong.key, { mode: 0o600 }),
  ]);
  return {
    caFile: p("ca.crt"),
    caPem,
    serverCertFile: p("server.crt"),
    serverKeyFile: p("server.key"),
    serverCertPem: server.cert,
    serverKeyPem: server.key,
    wrongCertFile: p("wrong.crt"),
    wrongKeyFile: p("wrong.key"),
    wrongCertPem: wrong.cert,
    wrongKeyPem: wrong.key,
  };
}

let jwtKeyPromise: Promise<crypto.KeyObject> | undefined;
/** RSA 2048 signing key for RS256 JWTs. Generated once per process on the libuv thread pool (86-400 ms here) and
 *  shared by the stacks of that process; each stack still has its own kid, issuer (port) and Dovecot key file. */
export function jwtKey(): Promise<crypto.KeyObject> {
  jwtKeyPromise ??= new Promise((resolve, reject) =>
    crypto.generateKeyPair("rsa", { modulusLength: 2048 }, (err, _pub, priv) => (err ? reject(err) : resolve(priv))),
  );
  return jwtKeyPromise;
}
