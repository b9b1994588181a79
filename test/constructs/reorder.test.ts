import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigFile } from "../../src/config/load";
import type { EditableConfig } from "../rules/fixtures";
import { synthApp } from "./helpers";

/** Byte-identical output whatever order the mailboxes and From addresses are listed in: every file of the stack. */
describe("mailbox order does not change any synthesized file", () => {
  const work = mkdtempSync(join(tmpdir(), "genesys-reorder-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("the example, and the example with its lists reversed", () => {
    // GIVEN
    const original = loadConfigFile("examples/contact-center.yaml").data as EditableConfig;
    const reversed = structuredClone(original);
    reversed.mailboxes.inbound = [...(reversed.mailboxes.inbound ?? [])].reverse();
    reversed.fromAddresses!.addresses = [...(reversed.fromAddresses!.addresses ?? [])].reverse();
    expect(reversed.mailboxes.inbound![0]!.name).not.toBe(original.mailboxes.inbound![0]!.name);

    // WHEN
    synthApp({ outDir: join(work, "a"), stacks: [{ name: "cc", config: original }] });
    synthApp({ outDir: join(work, "b"), stacks: [{ name: "cc", config: reversed }] });

    // THEN
    const files = readdirSync(join(work, "a", "stacks", "cc")).sort();
    expect(files).toEqual(["cdk.tf.json", "exchange-setup.ps1", "migration-request.json", "migration-request.md", "pre-migration.md"]);
    expect(readdirSync(join(work, "b", "stacks", "cc")).sort()).toEqual(files);
    for (const f of files) {
      expect([f, readFileSync(join(work, "b", "stacks", "cc", f), "utf8")]).toEqual([f, readFileSync(join(work, "a", "stacks", "cc", f), "utf8")]);
    }
  });
});
