import { parseConfigText } from "../../src/config/load";
import { environmentConfigs, EnvironmentConfigError, resolveEnvironments, stackNameForFile, type ResolvedEnvironment } from "../../src/config/environments";
import { validateEnvironment } from "../../cli/load-and-validate";

const FILE = "envs.yaml";

function resolve(text: string, file = FILE): ResolvedEnvironment[] {
  return resolveEnvironments(parseConfigText(text, file));
}
function env(text: string, name: string): ResolvedEnvironment {
  const found = resolve(text).find((e) => e.environment === name);
  if (!found) throw new Error(`no environment ${name}`);
  return found;
}
function inboundOf(e: ResolvedEnvironment): Array<Record<string, unknown>> {
  return (e.data as { mailboxes: { inbound: Array<Record<string, unknown>> } }).mailboxes.inbound;
}
const names = (e: ResolvedEnvironment) => inboundOf(e).map((m) => m.name);

// Line numbers below refer to this text (line 1 is `tenant:`).
const BASE = `tenant:
  directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455
mailboxes:
  inbound:
    - name: support
      mailbox: support@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      maxSizeMb: 10
      password: { env: SUPPORT_PASSWORD }
      testMailbox: true
    - name: legacy
      mailbox: legacy@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      password: { env: LEGACY_PASSWORD }
      designerApplication: Legacy Email
`;

describe("merge semantics", () => {
  it("a file without environments: is one unnamed environment named after the file", () => {
    // GIVEN / WHEN
    const [only, ...rest] = resolve(BASE, "configs/contact-center.yaml");
    // THEN
    expect(rest).toEqual([]);
    expect(only!.name).toBe("contact-center");
    expect(only!.environment).toBeUndefined();
    expect(only!.findings).toEqual([]);
    expect(names(only!)).toEqual(["support", "legacy"]);
  });

  it("keeps the declaration order of environments, and an empty environment is the base as it is", () => {
    const envs = resolve(`${BASE}environments:\n  prod: {}\n  dev:\n  stage: {}\n`);
    expect(envs.map((e) => [e.name, e.environment])).toEqual([
      ["prod", "prod"],
      ["dev", "dev"],
      ["stage", "stage"],
    ]);
    for (const e of envs) {
      expect(e.findings).toEqual([]);
      expect(e.data).toEqual(parseConfigText(BASE, FILE).data);
    }
  });

  it("deep-merges mappings: an override changes one field and keeps its siblings", () => {
    const e = env(`${BASE}environments:\n  prod:\n    tenant: { authority: https://login.microsoftonline.us/ }\n`, "prod");
    expect((e.data as { tenant: unknown }).tenant).toEqual({ directoryId: "0c5a6b0e-1a2b-4c3d-8e9f-001122334455", authority: "https://login.microsoftonline.us/" });
  });

  it("changes one inbound mailbox by name (list form), deep-merging its server", () => {
    const e = env(`${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        - name: legacy\n          server: { host: imap.prod.contoso.com }\n`, "prod");
    expect(inboundOf(e)[1]).toEqual({
      name: "legacy",
      mailbox: "legacy@contoso.com",
      server: { host: "imap.prod.contoso.com", port: 993, type: "IMAP" },
      password: { env: "LEGACY_PASSWORD" },
      designerApplication: "Legacy Email",
    });
    expect(inboundOf(e)[0]).toEqual(inboundOf(env(`${BASE}environments:\n  dev: {}\n`, "dev"))[0]);
  });

  it("changes one inbound mailbox by name (mapping form)", () => {
    const e = env(`${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        support: { maxSizeMb: 20 }\n`, "prod");
    expect(inboundOf(e).map((m) => [m.name, m.maxSizeMb])).toEqual([
      ["support", 20],
      ["legacy", undefined],
    ]);
  });

  it("adds a mailbox after the base's (list form with name, mapping form named by its key)", () => {
    const list = env(`${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        - { name: vip, mailbox: vip@contoso.com, server: { host: h.contoso.com, type: IMAP } }\n`, "prod");
    expect(names(list)).toEqual(["support", "legacy", "vip"]);
    const map = env(`${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        vip: { mailbox: vip@contoso.com, server: { host: h.contoso.com, type: IMAP } }\n`, "prod");
    expect(inboundOf(map)[2]).toEqual({ name: "vip", mailbox: "vip@contoso.com", server: { host: "h.contoso.com", type: "IMAP" } });
  });

  it("removes a mailbox with an explicit null (mapping form)", () => {
    const e = env(`${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        legacy: null\n`, "prod");
    expect(names(e)).toEqual(["support"]);
    expect(e.findings).toEqual([]);
  });

  it("removes a field with an explicit null, at any depth", () => {
    const e = env(`${BASE}environments:\n  prod:\n    tenant: { directoryId: null }\n    mailboxes:\n      inbound:\n        legacy: { designerApplication: null, server: { port: null } }\n`, "prod");
    expect((e.data as { tenant: unknown }).tenant).toEqual({});
    expect(inboundOf(e)[1]).toEqual({ name: "legacy", mailbox: "legacy@contoso.com", server: { host: "outlook.office365.com", type: "IMAP" }, password: { env: "LEGACY_PASSWORD" } });
  });

  it("replaces lists other than mailboxes.inbound, and replaces backend as a whole", () => {
    const text = `${BASE}fromAddresses:\n  addresses: [{ name: a@contoso.com, displayName: A }]\nbackend: { type: local, config: { path: state/x.tfstate } }\nenvironments:\n  prod:\n    fromAddresses: { addresses: [{ name: b@contoso.com, displayName: B }] }\n    backend: { type: azurerm, config: { key: prod.tfstate } }\n`;
    const data = env(text, "prod").data as Record<string, unknown>;
    expect(data.fromAddresses).toEqual({ addresses: [{ name: "b@contoso.com", displayName: "B" }] });
    expect(data.backend).toEqual({ type: "azurerm", config: { key: "prod.tfstate" } });
  });

  it("replaced values are located in the override; removing the outbound mailbox with null", () => {
    const text = `${BASE}  outbound: { mailbox: agents@contoso.com, fromAddress: agents@contoso.com, server: { host: smtp.office365.com, type: SMTP } }
fromAddresses:
  addresses: [{ name: a@contoso.com, displayName: A }]
backend: { type: local, config: { path: x.tfstate } }
environments:
  prod:
    mailboxes: { outbound: null }
    fromAddresses: { addresses: [{ name: b@contoso.com, displayName: B }] }
    backend: { type: azurerm, config: { key: prod.tfstate } }
`;
    const prod = env(text, "prod");
    expect((prod.data as { mailboxes: object }).mailboxes).not.toHaveProperty("outbound");
    expect(prod.locate(["fromAddresses", "addresses", 0, "name"])).toEqual({ file: FILE, line: 23, column: 42 });
    expect(prod.locate(["fromAddresses", "folder"])).toEqual({ file: FILE, line: 18, column: 3 });
    expect(prod.locate(["backend", "config", "key"])).toEqual({ file: FILE, line: 24, column: 46 });
    // backend is replaced whole: a field it lacks points at the override's backend, never the base's.
    expect(prod.locate(["backend", "config", "path"])).toEqual({ file: FILE, line: 24, column: 39 });
    expect(prod.locate(["mailboxes", "outbound", "mailbox"])).toEqual({ file: FILE, line: 22, column: 28 });
  });

  it("leaves the base untouched and shares no state between environments", () => {
    const loaded = parseConfigText(`${BASE}environments:\n  a: { mailboxes: { inbound: { support: { maxSizeMb: 5 } } } }\n  b: { mailboxes: { inbound: { legacy: null } } }\n`, FILE);
    const before = JSON.stringify(loaded.data);
    const [a, b] = resolveEnvironments(loaded);
    expect(inboundOf(a!).map((m) => m.maxSizeMb)).toEqual([5, undefined]);
    expect(inboundOf(b!).map((m) => m.maxSizeMb)).toEqual([10]);
    expect(JSON.stringify(loaded.data)).toBe(before);
  });

  it("a __proto__ key in an override stays an own field (and is reported), never a prototype", () => {
    const e = env(`${BASE}environments:\n  prod:\n    tenant: { __proto__: { polluted: true } }\n`, "prod");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf((e.data as { tenant: object }).tenant)).toBe(Object.prototype);
    expect(validateEnvironment(e).errors.map((f) => `${f.ruleId} ${f.path}`)).toEqual(["GE001 tenant.__proto__"]);
  });

  it("5,000 mailboxes x 3 environments resolve, each value located at its own line (timing: bench/)", () => {
    // GIVEN
    const lines = ["tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }", "mailboxes:", "  inbound:"];
    for (let i = 0; i < 5000; i++) {
      lines.push(`    - { name: m${i}, mailbox: m${i}@contoso.com, server: { host: outlook.office365.com, type: IMAP }, password: { env: M${i}_PASSWORD }${i === 0 ? ", testMailbox: true" : ""} }`);
    }
    lines.push("environments:", "  dev: {}", "  stage:", "    mailboxes:", "      inbound:");
    for (let i = 0; i < 5000; i += 2) lines.push(`        m${i}: { maxSizeMb: 6 }`);
    lines.push("  prod:", "    mailboxes:", "      inbound:");
    for (let i = 1; i < 5000; i += 2) lines.push(`        - { name: m${i}, maxSizeMb: 7 }`);
    const loaded = parseConfigText(lines.join("\n"), FILE);
    // WHEN
    const envs = resolveEnvironments(loaded);
    const located = envs.map((e) => e.locate(["mailboxes", "inbound", 4999, "maxSizeMb"]));
    // THEN
    expect(envs.map((e) => inboundOf(e).length)).toEqual([5000, 5000, 5000]);
    expect(located.map((l) => l?.line)).toEqual([5003, 5003, 5003 + 5 + 2500 + 3 + 2500]);
  });
});

describe("environment overrides that cannot be merged (GE001, with positions)", () => {
  it.each([
    {
      name: "a non-mapping override",
      text: `${BASE}environments:\n  prod: 42\n`,
      expected: [["prod", "GE001 environments.prod Environment `prod` must be a mapping of overrides; number given.", 17, 9]],
    },
    {
      name: "environments that is not a mapping",
      text: `${BASE}environments: [dev, prod]\n`,
      expected: [[undefined, "GE001 environments environments must be a mapping of environment name to overrides.", 16, 15]],
    },
    {
      name: "an environment name unusable as a stack name",
      text: `${BASE}environments:\n  "prod eu": {}\n`,
      expected: [["prod eu", 'GE001 environments["prod eu"] Environment name `prod eu` is not usable as a stack name.', 17, 14]],
    },
    {
      name: "a list entry without a name",
      text: `${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        - maxSizeMb: 20\n`,
      expected: [["prod", "GE001 environments.prod.mailboxes.inbound[0] An inbound mailbox in an environment needs its name: entries merge onto the base by name.", 20, 11]],
    },
    {
      name: "a null list entry (removal needs the mapping form)",
      text: `${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        - null\n`,
      expected: [["prod", "GE001 environments.prod.mailboxes.inbound[0] A list entry cannot remove a mailbox: null has no name to match.", 20, 11]],
    },
    {
      name: "removing a mailbox the base does not declare",
      text: `${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        legacyy: null\n`,
      expected: [["prod", "GE001 environments.prod.mailboxes.inbound.legacyy Removes inbound mailbox `legacyy`, which the base does not declare.", 20, 18]],
    },
    {
      name: "a mapping entry whose name differs from its key (a rename)",
      text: `${BASE}environments:\n  prod:\n    mailboxes:\n      inbound:\n        legacy: { name: legacy2 }\n`,
      expected: [["prod", "GE001 environments.prod.mailboxes.inbound.legacy.name Inbound mailbox `legacy` sets a different name, `legacy2`; Mailbox Name is create-only, so this would be a rename.", 20, 25]],
    },
    {
      name: "nested environments",
      text: `${BASE}environments:\n  prod:\n    environments: { x: {} }\n`,
      expected: [["prod", "GE001 environments.prod.environments An environment cannot declare environments of its own.", 18, 19]],
    },
  ])("$name", ({ text, expected }) => {
    const findings = resolve(text).flatMap((e) => e.findings);
    expect(findings.map((f) => [f.environment, `${f.ruleId} ${f.path} ${f.message}`, f.location?.line, f.location?.column])).toEqual(expected);
    expect(findings.every((f) => f.location?.file === FILE && f.severity === "error")).toBe(true);
  });
});

describe("fix hints for environment problems", () => {
  it("a null for an undeclared mailbox names a few of the declared ones", () => {
    const many = ["mailboxes:", "  inbound:", ...Array.from({ length: 7 }, (_, i) => `    - { name: m${i} }`), "environments:", "  prod: { mailboxes: { inbound: { m9: null } } }"].join("\n");
    const [finding] = resolve(many).flatMap((e) => e.findings);
    expect(finding!.fix).toBe("check the name; the base declares `m0`, `m1`, `m2`, `m3`, `m4`, … (7 in all)");
    expect(resolve(`${BASE}environments:\n  prod: { mailboxes: { inbound: { x: null } } }\n`)[0]!.findings[0]!.fix).toBe("check the name; the base declares `support`, `legacy`");
  });
});

describe("per-environment validation: each environment on its own, positions from the value that produced it", () => {
  const TEXT = `${BASE}environments:
  dev:
    mailboxes:
      inbound:
        support: { maxSizeMb: 25 }
  stage: {}
  prod:
    mailboxes:
      inbound:
        - name: vip
          mailbox: vip@contoso.com
          server: { host: "bad host", type: IMAP }
          password: { env: VIP_PASSWORD }
        - name: legacy
          server: { host: null }
`;
  const results = resolve(TEXT).map((e) => [e.environment, validateEnvironment(e)] as const);
  const brief = (name: string) =>
    results.find(([n]) => n === name)![1].findings.map((f) => `${f.environment} ${f.ruleId} ${f.path} @${f.location?.file}:${f.location?.line}:${f.location?.column}`);

  it("an override's value is located in the override", () => {
    expect(brief("dev")).toEqual(["dev GE105 mailboxes.inbound[0].maxSizeMb @envs.yaml:20:31"]);
  });

  it("the base's values are located in the base; an environment without changes is clean", () => {
    expect(brief("stage")).toEqual([]);
  });

  it("an added mailbox is located in the override; a field removed with null points at the null", () => {
    expect(brief("prod")).toEqual(["prod GE001 mailboxes.inbound[1].server.host @envs.yaml:30:27"]);
    const prod = resolve(TEXT).find((e) => e.environment === "prod")!;
    expect(prod.locate(["mailboxes", "inbound", 2, "server", "host"])).toEqual({ file: FILE, line: 27, column: 27 });
    expect(prod.locate(["mailboxes", "inbound", 2, "password", "env"])).toEqual({ file: FILE, line: 28, column: 28 });
    // Merged mailbox: a field the override did not touch is the base's.
    expect(prod.locate(["mailboxes", "inbound", 1, "mailbox"])).toEqual({ file: FILE, line: 12, column: 16 });
    expect(prod.locate(["mailboxes", "inbound", 1, "server", "port"])).toEqual({ file: FILE, line: 13, column: 52 });
    // A merged mapping, and the inbound list merged by name, are located where they are defined (the base).
    expect(prod.locate(["mailboxes", "inbound", 1])).toEqual({ file: FILE, line: 11, column: 7 });
    expect(prod.locate(["mailboxes", "inbound"])).toEqual({ file: FILE, line: 5, column: 5 });
    // A mailbox the override adds has no base: the override.
    expect(prod.locate(["mailboxes", "inbound", 2])).toEqual({ file: FILE, line: 25, column: 11 });
  });

  it("a base problem is reported once per environment, each naming its environment", () => {
    const text = BASE.replace("maxSizeMb: 10", "maxSizeMb: 30") + "environments:\n  a: {}\n  b: {}\n";
    const all = resolve(text).flatMap((e) => validateEnvironment(e).findings);
    expect(all.map((f) => `${f.environment} ${f.ruleId} ${f.location?.line}:${f.location?.column}`)).toEqual(["a GE105 8:18", "b GE105 8:18"]);
  });
});

describe("the TypeScript API", () => {
  const base = {
    tenant: { directoryId: "0c5a6b0e-1a2b-4c3d-8e9f-001122334455" },
    mailboxes: { inbound: [{ name: "support", mailbox: "support@contoso.com", server: { host: "outlook.office365.com", type: "IMAP" as const }, password: { env: "P" } }] },
  };

  it("environmentConfigs gives name → merged config input, in order", () => {
    const configs = environmentConfigs({
      ...base,
      environments: {
        dev: { mailboxes: { inbound: { support: { server: { host: "imap.dev.contoso.com" } } } } },
        prod: { mailboxes: { inbound: [{ name: "vip", mailbox: "vip@contoso.com", server: { host: "h.contoso.com", type: "IMAP" } }] }, backend: { type: "azurerm", config: { key: "prod" } } },
      },
    });
    expect(Object.keys(configs)).toEqual(["dev", "prod"]);
    expect(configs.dev!.mailboxes.inbound![0]!.server.host).toBe("imap.dev.contoso.com");
    expect(configs.prod!.mailboxes.inbound!.map((m) => m.name)).toEqual(["support", "vip"]);
    expect(configs.prod!.backend).toEqual({ type: "azurerm", config: { key: "prod" } });
    expect("environments" in configs.prod!).toBe(false);
  });

  it("a config without environments is one entry under the default name", () => {
    expect(Object.keys(environmentConfigs(base))).toEqual(["default"]);
    expect(Object.keys(environmentConfigs(base, "contact-center"))).toEqual(["contact-center"]);
  });

  it("throws once, listing every problem, when an override cannot be merged", () => {
    const bad = { ...base, environments: { prod: { mailboxes: { inbound: { nope: null } } }, "x y": {} } };
    expect(() => environmentConfigs(bad)).toThrow(EnvironmentConfigError);
    expect(() => environmentConfigs(bad)).toThrow(/\[prod\] environments\.prod\.mailboxes\.inbound\.nope: Removes inbound mailbox `nope`[^\n]*\n {2}\[x y\] environments\["x y"\]: Environment name/);
  });

  it("stack names from file names", () => {
    expect(["contact-center.yaml", "a/b/prod.eu.yml", "my config.json"].map(stackNameForFile)).toEqual(["contact-center", "prod-eu", "my-config"]);
  });
});
