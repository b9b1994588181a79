import fc from "fast-check";
import { Document, isMap, isSeq, visit } from "yaml";
import { blockParse } from "../../src/config/block-parse";
import { fastParse } from "../../src/config/fast-parse";
import { expectSameAsYaml } from "../config/yaml-reference";
import { countCase, reportCount, RUNS, SEED } from "./arbitraries";

// The fast parsing tiers against `yaml` on config-like files: random data (keys, hosts, numbers,
// indicator characters, words that read as null/booleans/numbers) rendered by `yaml` in every style
// (indentation, indentless lists, flow collections, quoting), with comments and blank lines added.
// Each tier must read a file exactly as `yaml` does (data, errors, every position) or step aside.
const TEXT = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 @._-:/#,'\"!&*?|>%[]{}~".split("");
const KEY = "abcdefghijklmnopqrstuvwxyzABC_-0123456789".split("");
const word = fc.string({ unit: fc.constantFrom(...TEXT), minLength: 1, maxLength: 12 });
const key = fc.string({ unit: fc.constantFrom(...KEY), minLength: 1, maxLength: 10 });
const tricky = fc.constantFrom("993", "0", "outlook.office365.com", "https://login.microsoftonline.com/", "a: b", "x #y", "#z", "- q", "~", "Null", "TRUE", "1e3", "0x10", "-5", ".5", "yes");
const scalar = fc.oneof(word, tricky, fc.integer({ min: 0, max: 99_999 }), fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, scalar, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
}));
const style = fc.record({
  indent: fc.constantFrom(2, 3, 4),
  indentSeq: fc.boolean(),
  flow: fc.constantFrom("block", "any", "some-flow"),
  flowEvery: fc.integer({ min: 2, max: 3 }),
  pad: fc.boolean(),
  quote: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE") as fc.Arbitrary<"PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE">,
  commentEvery: fc.integer({ min: 0, max: 4 }),
  blankEvery: fc.integer({ min: 0, max: 5 }),
});

type Style = typeof style extends fc.Arbitrary<infer T> ? T : never;

function render(data: Record<string, unknown>, s: Style): string {
  const doc = new Document(data);
  if (s.flow === "some-flow") {
    let n = 0;
    visit(doc, {
      Map: (_, node) => void (isMap(node) && ++n % s.flowEvery === 0 && (node.flow = true)),
      Seq: (_, node) => void (isSeq(node) && ++n % s.flowEvery === 0 && (node.flow = true)),
    });
  }
  let text = doc.toString({ indent: s.indent, indentSeq: s.indentSeq, collectionStyle: s.flow === "block" ? "block" : "any", flowCollectionPadding: s.pad, lineWidth: 0, defaultStringType: s.quote, defaultKeyType: "PLAIN" });
  const lines = text.split("\n");
  if (s.commentEvery > 0) lines.forEach((l, i) => i % s.commentEvery === 1 && l.trim() !== "" && !/["']/.test(l) && (lines[i] = `${l}  # note`));
  text = lines.join("\n");
  if (s.blankEvery > 0) text = text.split("\n").map((l, i) => (i % s.blankEvery === 0 ? `${l}\n` : l)).join("\n");
  return text;
}

describe(`parse tiers fuzzing: config-like YAML (${RUNS} runs, seed ${SEED})`, () => {
  beforeAll(() => jest.spyOn(process, "emitWarning").mockImplementation(() => undefined));
  afterAll(() => {
    jest.restoreAllMocks();
    reportCount("parse tiers");
  });

  it("the block tier and the js-yaml tier read every rendering as yaml does, or step aside", () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), style, (data, s) => {
        let text: string;
        try {
          text = render(data, s);
        } catch {
          return; // a value yaml itself cannot render in that style
        }
        countCase();
        if (blockParse(text)) expectSameAsYaml(text, [blockParse]);
        if (fastParse(text)) expectSameAsYaml(text, [fastParse]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
