import fc from "fast-check";
import { anyValue, checkResult, reportCount, RUNS, SEED } from "./arbitraries";

describe(`validator fuzzing: arbitrary values at the root (${RUNS} runs, seed ${SEED})`, () => {
  afterAll(() => reportCount("arbitrary values"));

  it("never throws, bounded time, every rejection has a rule ID and path", () => {
    fc.assert(fc.property(anyValue, (input) => checkResult(input)), { numRuns: RUNS, seed: SEED });
  });
});
