import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli/run-cli";

// diff --base against a real git repository: the file is read at each revision through git.
const CONFIG = `tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }
mailboxes:
  inbound:
    - name: support
      mailbox: support@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      password: { env: SUPPORT_PASSWORD }
      testMailbox: true
    - name: sales
      mailbox: sales@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      password: { env: SALES_PASSWORD }
      designerApplication: Sales Email
`;
const RENAMED = CONFIG.replace("name: sales", "name: sales2");

let repo: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: repo } });
function commit(path: string, text: string | undefined, message: string): void {
  if (text === undefined) git("rm", "-q", path);
  else {
    writeFileSync(join(repo, path), text);
    git("add", path);
  }
  git("commit", "-q", "-m", message);
}
const diff = (args: string[], cwd = repo) => runCli(["diff", ...args], { cwd });

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "ge-git-"));
  git("init", "-q", "-b", "main");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  git("config", "commit.gpgsign", "false");
  mkdirSync(join(repo, "config"));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("genesys-email diff --base REF FILE", () => {
  it("the last commit renames a Designer-assigned mailbox: exit 3, the rename in the comment", async () => {
    // GIVEN
    commit("config/email.yaml", CONFIG, "mailboxes");
    commit("config/email.yaml", RENAMED, "rename sales");
    // WHEN
    const r = await diff(["--base", "HEAD~1", "config/email.yaml"]);
    // THEN
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("### `HEAD~1:config/email.yaml` → `config/email.yaml`");
    expect(r.stdout).toMatch(/sales.*sales2/);
    expect(r.stderr).toBe("");
    // Read into memory: nothing is written into the repository (no base.yaml, no temp copy).
    expect(git("status", "--porcelain")).toBe("");
  });

  it("--head compares two revisions; the path is taken relative to the working directory", async () => {
    commit("config/email.yaml", CONFIG, "one");
    commit("config/email.yaml", CONFIG.replace("port: 993, type: IMAP }\n      password: { env: SUPPORT", "port: 993, type: IMAP }\n      maxSizeMb: 10\n      password: { env: SUPPORT"), "two");
    // The working tree differs again: --head must not read it.
    writeFileSync(join(repo, "config/email.yaml"), RENAMED);
    const r = await diff(["--base", "HEAD~1", "--head", "HEAD", "email.yaml"], join(repo, "config"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("### `HEAD~1:config/email.yaml` → `HEAD:config/email.yaml`");
    expect(r.stdout).toContain("  - `maxSizeMb`: `5` → `10`");
    expect(r.stdout).not.toContain("sales2");
  });

  it("a file that is new at head: everything in it is added, exit 0", async () => {
    commit("README", "x\n", "start");
    commit("config/email.yaml", CONFIG, "add the config");
    const r = await diff(["--base", "HEAD~1", "config/email.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("### `HEAD~1:config/email.yaml (no such file)` → `config/email.yaml`");
    expect(r.stdout).toContain("- **Added** inbound `sales`");
  });

  it("a file deleted in the working tree: its Designer-assigned mailbox is removed, exit 3", async () => {
    commit("config/email.yaml", CONFIG, "add");
    unlinkSync(join(repo, "config/email.yaml"));
    const r = await diff(["--base", "HEAD", "config/email.yaml"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("- **Removed** inbound `sales`");
  });

  it("environments are compared by name at both revisions, and --env picks one", async () => {
    const envs = `${CONFIG}environments:\n  dev: {}\n  prod:\n    mailboxes:\n      inbound:\n        sales: { maxSizeMb: 8 }\n`;
    commit("config/email.yaml", envs, "envs");
    commit("config/email.yaml", envs.replace("maxSizeMb: 8", "maxSizeMb: 9"), "prod");
    const all = await diff(["--base", "HEAD~1", "config/email.yaml"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("### Environment `prod`: `HEAD~1:config/email.yaml` → `config/email.yaml`");
    const one = await diff(["--base", "HEAD~1", "config/email.yaml", "--env", "dev", "--format", "json"]);
    expect(JSON.parse(one.stdout).comparisons.map((c: { new: { environment: string } }) => c.new.environment)).toEqual(["dev"]);
  });

  it.each([
    ["an unknown revision", ["--base", "no-such-branch", "config/email.yaml"], /^genesys-email: --base `no-such-branch`: no such commit, branch or tag in this repository/],
    ["a revision that looks like an option", ["--base=--output=x", "config/email.yaml"], /^genesys-email: --base `--output=x` is not a git revision\./],
    ["a file outside the repository", ["--base", "HEAD", "/etc/hostname"], /^genesys-email: \/etc\/hostname is not inside the git repository/],
    ["a file on neither side", ["--base", "HEAD", "config/none.yaml"], /^genesys-email: HEAD:config\/none\.yaml \(no such file\) and config\/none\.yaml \(no such file\): the file exists on neither side\./],
    ["--head without --base", ["--head", "HEAD", "config/email.yaml"], /^genesys-email: --head needs --base/],
    ["standard input", ["--base", "HEAD", "-"], /^genesys-email: diff --base reads FILE through git; - \(standard input\) has no revision\./],
  ])("%s: exit 2", async (_name, args, message) => {
    commit("config/email.yaml", CONFIG, "add");
    const r = await diff(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("outside any git repository: exit 2 naming the problem", async () => {
    const plain = mkdtempSync(join(tmpdir(), "ge-nogit-"));
    try {
      writeFileSync(join(plain, "email.yaml"), CONFIG);
      const r = await diff(["--base", "HEAD", "email.yaml"], plain);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^genesys-email: diff --base needs a git repository; .* is not in one/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
