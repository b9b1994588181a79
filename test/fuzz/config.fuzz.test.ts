import fc from "fast-check";
import { checkResult, mutatedConfig, reportCount, RUNS, SEED } from "./arbitraries";

// Each property has its own file: jest runs files in separate workers, so one property's garbage never crowds another's.
describe(`validator fuzzing: mutated configs (${RUNS} runs, seed ${SEED})`, () => {
  afterAll(() => reportCount("mutated configs"));

  it("never throws, bounded time, every rejection has a rule ID and path", () => {
    fc.assert(fc.property(mutatedConfig, (input) => checkResult(input)), { numRuns: RUNS, seed: SEED });
  });
});
