import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigFileError } from "../../src/config/file-error";
import { decodeConfigText, readConfigBytes } from "../../src/config/read";
import { loadConfigFile, parseConfigText } from "../../src/config/load";
import { errorOf as thrown } from "../support/error-of";

const MB = 1024 * 1024;

const errorOf = (fn: () => unknown) => thrown(fn, ConfigFileError);

const TOO_LARGE = "is larger than 1 MB, the limit for a config file (1,000 mailboxes take about 300 KB); is this the right file?";

describe("reading a config with a byte limit", () => {
  const dir = mkdtempSync(join(tmpdir(), "ge-read-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a regular file over the limit is refused by its size", () => {
    const file = join(dir, "big.yaml");
    writeFileSync(file, Buffer.alloc(MB + 1, "a"));
    expect(errorOf(() => readConfigBytes(file, { maxBytes: MB })).describe()).toBe(`${file}: ${TOO_LARGE}`);
  });

  test("a file exactly at the limit is read", () => {
    const file = join(dir, "limit.yaml");
    writeFileSync(file, Buffer.alloc(MB, "a"));
    expect(readConfigBytes(file, { maxBytes: MB }).length).toBe(MB);
  });

  test("a device that never ends (/dev/zero) is cut at the limit", () => {
    expect(errorOf(() => readConfigBytes("/dev/zero", { maxBytes: MB })).describe()).toBe(`/dev/zero: ${TOO_LARGE}`);
  });

  test("a device with nothing in it (/dev/null) reads as an empty file", () => {
    expect(errorOf(() => loadConfigFile("/dev/null")).describe()).toBe("/dev/null:1:1: the file is empty; expected a mapping with mailboxes:");
  });

  test("missing files, directories and unreadable files get one line each", () => {
    expect(errorOf(() => readConfigBytes(join(dir, "nope.yaml"))).describe()).toBe(`${join(dir, "nope.yaml")}: no such file`);
    expect(errorOf(() => readConfigBytes(dir)).describe()).toBe(`${dir}: is a directory, not a file`);
  });

  describe("FIFOs", () => {
    function fifo(name: string): string {
      const path = join(dir, name);
      const r = spawnSync("mkfifo", [path]);
      if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
      return path;
    }

    test("without a writer: the read gives up after the writer timeout with the fix", () => {
      const path = fifo("nobody-writes");
      expect(errorOf(() => readConfigBytes(path, { fifoWriterTimeoutMs: 200 })).describe()).toBe(
        `${path}: is a FIFO and nothing was written to it within 200 ms; start the process that writes the config first, or pass a regular file`,
      );
    });

    /** Runs `read` while a shell writes to the FIFO; the writer is killed afterwards whatever happened. */
    async function withWriter<T>(script: string, read: () => T): Promise<T> {
      const writer = spawn("sh", ["-c", script], { stdio: "ignore" });
      const exited = new Promise((resolve) => writer.on("exit", resolve));
      try {
        return read();
      } finally {
        writer.kill("SIGKILL");
        await exited;
      }
    }

    test("a writer that connects after the reader: the config is read", async () => {
      const path = fifo("late-writer");
      const bytes = await withWriter(`sleep 0.3; printf 'mailboxes: {}\\n' > '${path}'`, () => readConfigBytes(path, { fifoWriterTimeoutMs: 20_000 }));
      expect(bytes.toString()).toBe("mailboxes: {}\n");
    });

    test("a writer that never stops: cut at the limit", async () => {
      const path = fifo("endless");
      const error = await withWriter(`exec cat /dev/zero > '${path}'`, () => errorOf(() => readConfigBytes(path, { maxBytes: MB, fifoWriterTimeoutMs: 20_000 })));
      expect(error.describe()).toBe(`${path}: ${TOO_LARGE}`);
    });
  });

  describe("standard input goes through the same reader (processIO().readStdin)", () => {
    // dist/ is built by jest's global setup; the child reads its own fd 0.
    const script = `require(${JSON.stringify(join(__dirname, "..", "..", "dist", "cli", "io.js"))}).processIO().readStdin(16 * 1024 * 1024).then((t) => process.stdout.write("read " + t.length), (e) => { process.stdout.write(e.message); process.exitCode = e.code; })`;

    test("a pipe that never ends is cut at 16 MB: exit code 2, one line", () => {
      const r = spawnSync("sh", ["-c", `cat /dev/zero | "${process.execPath}" -e '${script}'`], { encoding: "utf8" });
      expect(r.stdout).toBe("<stdin>: is larger than 16 MB, the limit for a config file (1,000 mailboxes take about 300 KB); is this the right file?");
      expect(r.status).toBe(2);
    });

    test("a pipe with a config is read whole", () => {
      const r = spawnSync(process.execPath, ["-e", script], { input: "mailboxes: {}\n".repeat(10_000), encoding: "utf8" });
      expect(r.stdout).toBe(`read ${"mailboxes: {}\n".length * 10_000}`);
    });

    test("a UTF-16 file redirected to standard input is named", () => {
      const file = join(dir, "utf16-stdin.yaml");
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("mailboxes: {}\n", "utf16le")]));
      const fd = openSync(file, "r");
      try {
        const r = spawnSync(process.execPath, ["-e", script], { stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
        expect(r.stdout).toMatch(/^<stdin>: is UTF-16 \(little-endian\) text; save the file as UTF-8/);
      } finally {
        closeSync(fd);
      }
    });
  });
});

describe("the text of a config must be UTF-8", () => {
  const yaml = "mailboxes:\n  inbound: []\n";
  const fix = "save the file as UTF-8 (in Windows PowerShell, Out-File and > write UTF-16: use Out-File -Encoding utf8 or Set-Content -Encoding utf8)";
  const swap16 = (b: Buffer) => Buffer.from(b).swap16();
  const utf32 = (s: string, le: boolean) => {
    const out = Buffer.alloc(s.length * 4);
    [...s].forEach((c, i) => (le ? out.writeUInt32LE(c.codePointAt(0)!, i * 4) : out.writeUInt32BE(c.codePointAt(0)!, i * 4)));
    return out;
  };

  test.each([
    ["UTF-16 LE with its byte order mark (Windows PowerShell 5's >)", Buffer.from(`\ufeff${yaml}`, "utf16le"), "UTF-16 (little-endian)"],
    ["UTF-16 BE with its byte order mark", swap16(Buffer.from(`\ufeff${yaml}`, "utf16le")), "UTF-16 (big-endian)"],
    ["UTF-16 LE without a byte order mark", Buffer.from(yaml, "utf16le"), "UTF-16 (little-endian)"],
    ["UTF-16 BE without a byte order mark", swap16(Buffer.from(yaml, "utf16le")), "UTF-16 (big-endian)"],
    ["UTF-32 LE with its byte order mark", utf32(`\ufeff${yaml}`, true), "UTF-32 (little-endian)"],
    ["UTF-32 BE with its byte order mark", utf32(`\ufeff${yaml}`, false), "UTF-32 (big-endian)"],
    ["UTF-32 LE without a byte order mark", utf32(yaml, true), "UTF-32 (little-endian)"],
    ["UTF-32 BE without a byte order mark", utf32(yaml, false), "UTF-32 (big-endian)"],
  ])("%s is named, with the fix", (_name, bytes, encoding) => {
    expect(errorOf(() => decodeConfigText(bytes, "c.yaml")).describe()).toBe(`c.yaml: is ${encoding} text; ${fix}`);
  });

  test("a Latin-1 byte is located by line and column", () => {
    const bytes = Buffer.concat([Buffer.from("mailboxes:\n  inbound:\n    - name: caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    expect(errorOf(() => decodeConfigText(bytes, "c.yaml")).describe()).toBe(
      "c.yaml:3:16: is not UTF-8: byte 0xE9 is not valid UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8",
    );
  });

  test("a NUL byte in UTF-8 text is located", () => {
    expect(errorOf(() => decodeConfigText(Buffer.from("mailboxes:\n  in\u0000bound: []\n"), "c.yaml")).describe()).toBe(`c.yaml:2:5: contains a NUL byte: a config is text (is this a binary or UTF-16 file?); ${fix}`);
  });

  test("UTF-8, with or without a byte order mark, is read with the right positions", () => {
    const text = decodeConfigText(Buffer.from(`\ufeffmailboxes:\n  inbound:\n    - name: café\n      maxSizeMb: 5\n`), "c.yaml");
    const loaded = parseConfigText(text, "c.yaml");
    expect(loaded.data).toEqual({ mailboxes: { inbound: [{ name: "café", maxSizeMb: 5 }] } });
    expect(loaded.locate(["mailboxes", "inbound", 0, "maxSizeMb"])).toEqual({ file: "c.yaml", line: 4, column: 18 });
  });
});
