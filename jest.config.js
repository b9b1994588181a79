/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // Type-checking happens once in `tsc --noEmit` (see npm test); swc only strips types.
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  testTimeout: 30000,
  globalSetup: "<rootDir>/test/global-setup.js",
};
