// httpsRequest with the run's keep-alive pool: a pooled connection the server resets is not a
// failed mailbox; the request goes once more, on a new connection.
import * as https from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHttpsPool, httpsRequest, POOL_IDLE_MS } from "../../src/check/http";
import { buildTrust, type Trust } from "../../src/check/tls";
import { generatePki } from "../support/mail-stack/certs";

let dir: string;
let server: https.Server;
let trust: Trust;
let url: string;
const connections: Socket[] = [];
/** Requests answered per connection, by connection index. */
let served: number[] = [];
/** Close the connection instead of answering its n-th request (the keep-alive race: the server gave up on it). */
let dropRequestNumber = 2;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "genesys-http-"));
  const pki = await generatePki(dir);
  trust = buildTrust(pki.caFile);
  server = https.createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, (req, res) => {
    const socket = req.socket as Socket;
    const index = connections.indexOf(socket);
    served[index] = (served[index] ?? 0) + 1;
    if (served[index] === dropRequestNumber) {
      socket.destroy();
      return;
    }
    const answer = () => res.writeHead(200, { "content-type": "text/plain" }).end(`answer ${index}.${served[index]}`);
    if (req.url === "/slow") setTimeout(answer, POOL_IDLE_MS + 500);
    else answer();
  });
  // Longer than POOL_IDLE_MS and the tests' waits: an idle connection is closed by the client, not the server.
  server.keepAliveTimeout = 10_000;
  server.on("secureConnection", (s: Socket) => connections.push(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  connections.length = 0;
  served = [];
  dropRequestNumber = 2;
});

test("a pooled connection the server closed: the request is sent again on a new connection", async () => {
  const agent = createHttpsPool(1);
  try {
    const first = await httpsRequest({ url, method: "GET", trust, timeoutMs: 5_000, agent });
    const second = await httpsRequest({ url, method: "GET", trust, timeoutMs: 5_000, agent });
    expect([first.body, second.body]).toEqual(["answer 0.1", "answer 1.1"]);
    expect(served).toEqual([2, 1]);
  } finally {
    agent.destroy();
  }
});

test("a connection closed on its first request is a failure, not a retry", async () => {
  dropRequestNumber = 1;
  const agent = createHttpsPool(1);
  try {
    await expect(httpsRequest({ url, method: "GET", trust, timeoutMs: 5_000, agent })).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(served).toEqual([1]);
  } finally {
    agent.destroy();
  }
});

test("a pooled connection left idle is closed after POOL_IDLE_MS, without destroying the pool", async () => {
  dropRequestNumber = 0;
  const agent = createHttpsPool(2);
  try {
    await httpsRequest({ url, method: "GET", trust, timeoutMs: 5_000, agent });
    expect(connections).toHaveLength(1);
    // kept for the next request (the server would keep it 10 s)...
    const closed = new Promise<void>((resolve) => connections[0]!.on("close", () => resolve()));
    expect(connections[0]!.destroyed).toBe(false);
    // ...then closed by the client once idle (a pool that never closed it fails on jest's test timeout)
    await closed;
    const next = await httpsRequest({ url, method: "GET", trust, timeoutMs: 5_000, agent });
    expect(next.body).toBe("answer 1.1");
    expect(connections).toHaveLength(2);
  } finally {
    agent.destroy();
  }
});

test("an answer slower than POOL_IDLE_MS still arrives: only idle connections are closed", async () => {
  const agent = createHttpsPool(1);
  try {
    const res = await httpsRequest({ url: url.replace(/\/x$/, "/slow"), method: "GET", trust, timeoutMs: 5_000, agent });
    expect(res.body).toBe("answer 0.1");
  } finally {
    agent.destroy();
  }
});

test("without a pool: one connection per request, closed with it", async () => {
  const a = await httpsRequest({ url, method: "GET", trust, timeoutMs: 5_000 });
  const b = await httpsRequest({ url, method: "GET", trust, timeoutMs: 5_000 });
  expect([a.body, b.body]).toEqual(["answer 0.1", "answer 1.1"]);
  expect(a.headers.connection).toBe("close");
});
