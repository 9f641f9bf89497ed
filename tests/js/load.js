/* Loads the site's scripts as the page does, into one shared global, for Node:
   indicator.js, group.js, teamreport.js and the vendored Papa Parse. */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const STATIC = path.join(__dirname, "..", "..", "static");

function load() {
  const context = vm.createContext({ console });
  for (const file of ["js/indicator.js", "js/group.js", "js/teamreport.js", "vendor/papaparse.min.js"]) {
    vm.runInContext(fs.readFileSync(path.join(STATIC, file), "utf8"), context, { filename: file });
  }
  return context;
}

/* The rows of a CSV/TSV file as Papa Parse reads them (encoding from its BOM). */
function rowsOf(context, file) {
  const bytes = fs.readFileSync(file);
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder("utf-16le").decode(bytes) : new TextDecoder("utf-8").decode(bytes);
  return context.Papa.parse(text, { skipEmptyLines: true }).data;
}

/* The report for one export file, read as team.js reads it: the first rows decide the headings. */
function reportOf(context, data, file) {
  const reader = context.SCITeam.createReader(data);
  if (file.endsWith(".txt")) {
    const group = context.SCI.readGroup(data, fs.readFileSync(file, "utf8"));
    reader.addPeople(group.people);
  } else {
    const rows = rowsOf(context, file);
    const count = reader.headerRowCount(rows.slice(0, 3));
    reader.start(rows.slice(0, count));
    rows.slice(count).forEach((row) => reader.add(row));
  }
  const result = reader.result();
  return { read: result, report: context.SCITeam.summarise(data, result.tally) };
}

module.exports = { load, rowsOf, reportOf };
