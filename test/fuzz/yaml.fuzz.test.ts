import fc from "fast-check";
import { stringify } from "yaml";
import { ConfigFileError, parseConfigText } from "../../src/config/load";
import { checkResult, countCase, mutatedConfig, reportCount, RUNS, SEED, weirdString } from "./arbitraries";

describe(`validator fuzzing: YAML text (${RUNS} runs, seed ${SEED})`, () => {
  afterAll(() => reportCount("YAML text"));

  it("mutated YAML text (anchors, aliases, duplicate keys, garbage): a clear file error or findings, nothing else", () => {
    const yamlText = fc.tuple(mutatedConfig, fc.nat(), fc.constantFrom("dup", "anchor", "alias-bomb", "insert", "truncate", "none"), weirdString).map(([config, at, how, junk]) => {
      let text: string;
      try {
        text = stringify(config ?? null);
      } catch {
        // A value too deep for the test's own serializer: write the nesting as text instead.
        text = `mailboxes: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
      }
      const lines = text.split("\n");
      const i = at % Math.max(lines.length, 1);
      if (how === "dup") lines.splice(i, 0, lines[i] ?? "");
      if (how === "anchor") text = `base: &b ${JSON.stringify(junk)}\n${lines.join("\n").replace(/: (\w+)$/m, ": *b")}`;
      else if (how === "alias-bomb") text = `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n${lines.join("\n")}`;
      else if (how === "insert") text = [...lines.slice(0, i), junk, ...lines.slice(i)].join("\n");
      else if (how === "truncate") text = text.slice(0, at % (text.length + 1));
      else text = lines.join("\n");
      return text;
    });
    fc.assert(
      fc.property(yamlText, (text) => {
        let loaded;
        try {
          loaded = parseConfigText(text, "fuzz.yaml");
        } catch (error) {
          if (!(error instanceof ConfigFileError)) throw error;
          countCase();
          if (error.describe().includes("\n")) throw new Error("multi-line file error");
          return;
        }
        checkResult(loaded.data);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
