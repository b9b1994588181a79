/**
 * One seed policy for every property-based test. `npm test` runs a fixed-seed sample (the same cases each run);
 * `npm run fuzz` (FUZZ_RUNS set) draws a random seed, and fast-check prints the seed and path of any failure
 * (replay it with FUZZ_SEED=<seed>). FUZZ_SEED always wins.
 */
export const FUZZING = process.env.FUZZ_RUNS !== undefined;
export const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : FUZZING ? Math.floor(Math.random() * 2 ** 31) : 20261201;
