// `npm run test:unit`: every suite that needs no mail stack (no Dovecot/Postfix, so no root and no
// `pretest` install). A suite needs the mail stack when it starts one (calls startMailStack); found by
// reading the files, so a new mail-stack suite is left out without anyone listing it here.
const { readdirSync, readFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const base = require("./jest.config");

function suites(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : suites(path);
    return /\.test\.[jt]s$/.test(e.name) ? [path] : [];
  });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mailStack = suites(join(__dirname, "test")).filter((file) => /\bstartMailStack\(/.test(readFileSync(file, "utf8")));

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: "unit",
  testPathIgnorePatterns: ["/node_modules/", ...mailStack.map((file) => `<rootDir>/${escape(relative(__dirname, file).split("\\").join("/"))}$`)],
};
