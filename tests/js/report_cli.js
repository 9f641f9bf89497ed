#!/usr/bin/env node
/* node tests/js/report_cli.js DATA.json FILE...: prints, as JSON, the team report of each
   export file, for the Python tests to compare with their own computation. */
"use strict";
const fs = require("fs");
const { load, reportOf } = require("./load.js");

const context = load();
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = {};
for (const file of process.argv.slice(3)) {
  const { read, report } = reportOf(context, data, file);
  out[file] = { people: read.count, unmatched: read.unmatched, report: JSON.parse(JSON.stringify(report)) };
}
process.stdout.write(JSON.stringify(out));
