import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unreadableReason, unwritableReason } from "../../src/text/file-errors";
import { errorOf } from "../support/error-of";

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe("unreadableReason", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "ge-file-errors-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the real errors node:fs throws", () => {
    expect(unreadableReason(errorOf(() => readFileSync(join(dir, "none.yaml"))))).toBe("no such file");
    expect(unreadableReason(errorOf(() => readFileSync(dir)))).toBe("is a directory, not a file");
  });

  test.each([
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["ENXIO", "cannot be opened for reading (a socket, or a device with nothing behind it)"],
    ["EBADF", "is closed"],
    ["EMFILE", "cannot be read (EMFILE)"],
  ])("%s: %s", (code, reason) => {
    expect(unreadableReason(errno(code))).toBe(reason);
  });

  test("an error without a code names its message", () => {
    expect(unreadableReason(new Error("stream destroyed"))).toBe("cannot be read (stream destroyed)");
  });
});

describe("unwritableReason", () => {
  test.each([
    ["EACCES", "permission denied"],
    ["EROFS", "the file system is read-only"],
    ["ENOSPC", "no space left on the device (or the disk quota is used up)"],
    ["EDQUOT", "no space left on the device (or the disk quota is used up)"],
    ["EIO", "input/output error"],
  ])("%s: %s", (code, reason) => {
    expect(unwritableReason(code)).toBe(reason);
  });

  test("causes whose words depend on what was written are left to the caller", () => {
    for (const code of ["ENOENT", "EEXIST", "EISDIR", "ENOTDIR", undefined]) expect(unwritableReason(code)).toBeUndefined();
  });
});
