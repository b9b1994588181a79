import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { isUtf8 } from "node:buffer";
import { ConfigFileError } from "./file-error";
import { errnoCode, unreadableReason } from "../text/file-errors";

/** A config of 1,000 mailboxes with three environments is about 300 KB; 16 MB is never a config. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** How long a FIFO that no process writes to is waited for. */
const FIFO_WRITER_TIMEOUT_MS = 10_000;

export interface ReadLimits {
  /** @default MAX_CONFIG_BYTES */
  readonly maxBytes?: number;
  /** How long to wait for a writer on a FIFO before giving up. @default FIFO_WRITER_TIMEOUT_MS */
  readonly fifoWriterTimeoutMs?: number;
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a config file with a byte limit checked before reading (the size a regular file reports) and while reading
 * (devices like /dev/zero, /proc files, pipes and FIFOs report no size), so memory never grows past the limit.
 *
 * The file is opened with O_NONBLOCK: opening a FIFO then returns at once instead of blocking the thread until a
 * writer appears, and a FIFO with no writer is polled until `fifoWriterTimeoutMs` (Linux reads 0 bytes from a FIFO
 * that has no writer, EAGAIN from one whose writer has not written yet: fifo(7), pipe(7)). Synchronous on purpose:
 * the constructs layer and `cdktf synth` load configs synchronously.
 */
export function readConfigBytes(file: string, limits: ReadLimits = {}): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ConfigFileError(file, unreadableReason(error));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ConfigFileError(file, "is a directory, not a file");
    return readBounded(fd, file, limits, stat.isFIFO(), stat);
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    throw new ConfigFileError(file, unreadableReason(error));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an open descriptor (standard input: fd 0) with the same byte limit. A pipe that already has its writer is
 * read to its end; `name` is how messages call the source (e.g. "standard input").
 */
export function readConfigFd(fd: number, name: string, limits: ReadLimits = {}): Buffer {
  try {
    return readBounded(fd, name, limits, false, fstatSync(fd));
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    throw new ConfigFileError(name, unreadableReason(error));
  }
}

function readBounded(fd: number, name: string, limits: ReadLimits, waitForWriter: boolean, stat: Stats): Buffer {
  const maxBytes = limits.maxBytes ?? MAX_CONFIG_BYTES;
  if (stat.isFile() && stat.size > maxBytes) throw tooLarge(name, maxBytes);
  const deadline = Date.now() + (limits.fifoWriterTimeoutMs ?? FIFO_WRITER_TIMEOUT_MS);
  const chunks: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let total = 0;
  let pause = 1;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A writer is connected but has written nothing yet (or standard input was made non-blocking): wait for it.
      if (errnoCode(error) !== "EAGAIN") throw error;
      pause = sleep(pause);
      continue;
    }
    if (n === 0) {
      if (!waitForWriter || total > 0) break;
      if (Date.now() >= deadline) {
        const ms = limits.fifoWriterTimeoutMs ?? FIFO_WRITER_TIMEOUT_MS;
        throw new ConfigFileError(name, `is a FIFO and nothing was written to it within ${ms < 1000 ? `${ms} ms` : `${+(ms / 1000).toFixed(1)} s`}; start the process that writes the config first, or pass a regular file`);
      }
      pause = sleep(pause);
      continue;
    }
    total += n;
    if (total > maxBytes) throw tooLarge(name, maxBytes);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    pause = 1;
  }
  return Buffer.concat(chunks, total);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` and returns the next, longer pause (up to 50 ms). */
function sleep(ms: number): number {
  Atomics.wait(sleeper, 0, 0, ms);
  return Math.min(ms * 2, 50);
}

function tooLarge(name: string, maxBytes: number): ConfigFileError {
  return new ConfigFileError(name, `is larger than ${formatBytes(maxBytes)}, the limit for a config file (1,000 mailboxes take about 300 KB); is this the right file?`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}


/** The byte order marks YAML 1.2 recognizes (section 5.2), longest first. */
const BOMS: readonly { readonly bytes: readonly number[]; readonly encoding: string }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: "UTF-32 (big-endian)" },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: "UTF-32 (little-endian)" },
  { bytes: [0xfe, 0xff], encoding: "UTF-16 (big-endian)" },
  { bytes: [0xff, 0xfe], encoding: "UTF-16 (little-endian)" },
];

const SAVE_AS_UTF8 = "save the file as UTF-8 (in Windows PowerShell, Out-File and > write UTF-16: use Out-File -Encoding utf8 or Set-Content -Encoding utf8)";

/**
 * The text of a config file, which must be UTF-8 (a UTF-8 byte order mark is allowed). UTF-16 and UTF-32, with or
 * without a byte order mark (YAML 1.2's detection by the NUL pattern of the first characters), are named with the
 * fix; so are bytes that are not UTF-8 (a Latin-1 or Windows-1252 file) and NUL bytes, at their line and column.
 */
export function decodeConfigText(bytes: Buffer, name: string): string {
  const other = otherEncoding(bytes);
  if (other) throw new ConfigFileError(name, `is ${other} text; ${SAVE_AS_UTF8}`);
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = lineColumn(bytes, at);
    throw new ConfigFileError(name, `is not UTF-8: byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, "0")} is not valid UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8`, line, column);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = lineColumn(bytes, nul);
    throw new ConfigFileError(name, `contains a NUL byte: a config is text (is this a binary or UTF-16 file?); ${SAVE_AS_UTF8}`, line, column);
  }
  return bytes.toString("utf8");
}

function otherEncoding(b: Buffer): string | undefined {
  for (const bom of BOMS) if (bom.bytes.every((byte, i) => b[i] === byte)) return `${bom.encoding}`;
  // Without a byte order mark, YAML 1.2 detects the encoding from where the NUL bytes of the first character are.
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] !== 0) return "UTF-32 (big-endian)";
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] === 0 && b[3] === 0) return "UTF-32 (little-endian)";
  if (b.length >= 2 && b[0] === 0 && b[1] !== 0) return "UTF-16 (big-endian)";
  if (b.length >= 2 && b[0] !== 0 && b[1] === 0) return "UTF-16 (little-endian)";
  return undefined;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const [length, min, max] = c < 0x80 ? [1, 0, 0] : c >= 0xc2 && c <= 0xdf ? [2, 0x80, 0xbf] : c === 0xe0 ? [3, 0xa0, 0xbf] : c === 0xed ? [3, 0x80, 0x9f] : c >= 0xe1 && c <= 0xef ? [3, 0x80, 0xbf] : c === 0xf0 ? [4, 0x90, 0xbf] : c >= 0xf1 && c <= 0xf3 ? [4, 0x80, 0xbf] : c === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = b[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (next === undefined || next < lo || next > hi) return i;
    }
    i += length;
  }
  return b.length;
}

/** 1-based line and column (in characters) of a byte offset. */
function lineColumn(b: Buffer, offset: number): { line: number; column: number } {
  const before = b.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  let line = 1;
  for (let i = before.indexOf(0x0a); i >= 0; i = before.indexOf(0x0a, i + 1)) line++;
  return { line, column: b.subarray(lineStart, offset).toString("utf8").length + 1 };
}
