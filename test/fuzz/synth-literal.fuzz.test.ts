import fc from "fast-check";
import { GenesysEmailConfigError } from "../../constructs/errors";
import { GenesysEmailStack } from "../../constructs/genesys-email-stack";
import type { EmailConfigInput } from "../../src/model/config";
import { config, graph, imap, synth, smtp, type TerraformJson } from "../constructs/helpers";
import { liveTemplateStrings, templateLiteralValue } from "../support/terraform-template";
import { testApp } from "../support/test-app";
import { FUZZING, SEED } from "./seed";

/**
 * Property: whatever text a config holds, no string of the synthesized Terraform JSON gets a live template from it.
 * Free-text fields (display names, the Designer application, the folder) are written so that Terraform's value is
 * exactly the config text; fields with a fixed syntax (logins, addresses, hosts, variable names) refuse template
 * sequences before anything is built. Checked with a scanner that reads strings as Terraform's lexer does
 * (test/support/terraform-template.ts, itself checked against real Terraform in test/constructs/terraform-literal).
 * `npm test` runs a fixed-seed sample; `npm run fuzz` a random seed (printed with any failure; FUZZ_SEED replays).
 */
const RUNS = FUZZING ? Math.max(1, Math.round(Number(process.env.FUZZ_RUNS) / 20)) : 12;

/** Pieces that mean something to Terraform, to CDKTF, to JSON or to a terminal, and plain text around them. */
const piece = fc.constantFrom(
  "${", "%{", "$${", "%%{", "}", "$", "%", "{", "~}", '"', "\\", "'", "\u0000", "\u0007", "\u001b[2J", "\r\n", "\t",
  "${TfToken[TOKEN.1]}", "#{TfToken[TOKEN.2]}", "&{TfToken[TOKEN.3]}", "Any Map Token Value", '${file("/proc/self/environ")}',
  "%{ for x in [1] }x%{ endfor }", "path.cwd", "var.x", "é", "\u202e", "Contoso", " ", "x",
);
const text = fc.oneof(fc.array(piece, { minLength: 1, maxLength: 10 }).map((p) => p.join("")), fc.string({ minLength: 1, maxLength: 20, unit: "binary" }));

interface FreeText {
  readonly appName: string;
  readonly designer: string;
  readonly folder: string;
  readonly displayName: string;
}

function freeTextConfig(t: FreeText): EmailConfigInput {
  return config([imap("support", { designerApplication: t.designer }), graph("billing")], smtp(), {
    application: { displayName: t.appName },
    fromAddresses: { folder: t.folder, addresses: [{ name: "agents@contoso.com", displayName: t.displayName }] },
  });
}

/** Builds the stack, or the config error that stopped it (then nothing was built). */
function build(input: EmailConfigInput): { json: TerraformJson } | { error: GenesysEmailConfigError } {
  try {
    return synth(input);
  } catch (e) {
    if (e instanceof GenesysEmailConfigError) return { error: e };
    throw e;
  }
}

const baseline = liveTemplateStrings(synth(freeTextConfig({ appName: "a", designer: "d", folder: "f", displayName: "n" })).json);
let cases = 0;
afterAll(() => process.stdout.write(`fuzz: ${cases} cases, 0 failures (Terraform literals in synth, seed ${SEED})\n`));

describe(`synth fuzzing: config text in Terraform JSON (${RUNS} runs, seed ${SEED})`, () => {
  it("free text: Terraform's value is exactly the config text, and the only live templates are the code's own", () => {
    fc.assert(
      fc.property(fc.record({ appName: text, designer: text, folder: text, displayName: text }), (t) => {
        cases++;
        const result = build(freeTextConfig(t));
        // a rule may refuse a value (length, control characters): then with a finding on a free-text field only
        if ("error" in result) {
          const paths = result.error.errors.map((f) => f.path);
          for (const p of paths) expect(p).toMatch(/^(application\.displayName|mailboxes\.inbound\[0\]\.designerApplication|fromAddresses\.(folder|addresses\[0\]\.displayName))$/);
          return;
        }
        const { json } = result;
        const app = Object.values(json.resource!.azuread_application!)[0]!;
        expect(templateLiteralValue(app.display_name as string)).toBe(t.appName);
        const mailboxes = json.output!.mailboxes!.value as {
          inbound: Record<string, { designerApplication?: string }>;
          fromAddresses: { folder: string; addresses: Array<{ displayName: string }> };
        };
        expect(templateLiteralValue(mailboxes.inbound.support!.designerApplication!)).toBe(t.designer);
        expect(templateLiteralValue(mailboxes.fromAddresses.folder)).toBe(t.folder);
        expect(templateLiteralValue(mailboxes.fromAddresses.addresses[0]!.displayName)).toBe(t.displayName);
        expect(liveTemplateStrings(json)).toEqual(baseline);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("fields with a fixed syntax: a template sequence is refused (GE128) and nothing is built", () => {
    const withSequence = fc.tuple(text, fc.constantFrom("${", "%{"), text).map(([a, s, b]) => `${a}${s}${b}`);
    const fields: Array<[string, (v: string) => EmailConfigInput]> = [
      ["mailboxes.inbound[0].mailbox", (v) => config([imap("support", { mailbox: `${v}@contoso.com` })], smtp())],
      ["mailboxes.inbound[0].server.host", (v) => config([imap("support", { server: { host: `imap.${v}.com`, type: "IMAP" } })], smtp())],
      ["mailboxes.outbound.fromAddress", (v) => config([imap("support")], smtp({ fromAddress: `${v}@contoso.com` }))],
      ["mailboxes.outbound.mailbox", (v) => config([imap("support")], smtp({ mailbox: `${v}@contoso.com` }))],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fields), withSequence, ([path, make], value) => {
        cases++;
        const app = testApp();
        let error: unknown;
        try {
          new GenesysEmailStack(app, "cc", { config: make(value) });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(GenesysEmailConfigError);
        expect((error as GenesysEmailConfigError).errors.some((f) => f.ruleId === "GE128" && f.path === path)).toBe(true);
        expect(app.node.children).toHaveLength(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
