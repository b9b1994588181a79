import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing, type App } from "cdktf";

// Testing.app() makes a cdktf.outdir.* folder in the system temp dir per call and never removes
// it (a hundred per test run). testApp() puts them under one folder per test file, removed after it.
let root: string | undefined;
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** `Testing.app()` with its output folder cleaned up after the test file. */
export function testApp(): App {
  root ??= mkdtempSync(join(tmpdir(), "genesys-test-app-"));
  return Testing.app({ outdir: mkdtempSync(join(root, "app-")) });
}
