/* The compare page's reading on its worst inputs, timed in Node: prints a JSON list of
 * [check, input, seconds]. bench/worst.py runs it and prints the figures.
 */
"use strict";
const loadIndicator = require("../tests/js/load-indicator.js");

const SCI = loadIndicator();
const data = loadIndicator.data;
const code = SCI.encodeAnswers(data, { a1: 4, a2: 2, b1: 5, b2: 1 });
const MB = 1000000;

function timed(fn) {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function fragmentOf(count, name) {
  return SCI.encodeGroup(data, Array.from({ length: count }, () => ({ label: name, answers: { a1: 3 } })));
}

const longName = "L".repeat(MB);
const cases = [
  ["readLine", "a one-word name of 1,000,000 characters", () => SCI.readLine(data, longName + ": " + code)],
  ["readLine", "1,000,000 spaces, then a code", () => SCI.readLine(data, " ".repeat(MB) + code)],
  ["readLine", "1,000,000 commas and colons", () => SCI.readLine(data, ",:".repeat(MB / 2))],
  ["readLine", "a CSV name of 500,000 doubled quotes", () => SCI.readLine(data, '"' + '""'.repeat(MB / 4) + '",' + code)],
  ["readGroup", `${SCI.LIMITS.lines.toLocaleString("en")} lines, ${SCI.LIMITS.name}-character names`,
    () => SCI.readGroup(data, Array.from({ length: SCI.LIMITS.lines }, (_, i) => "N".repeat(SCI.LIMITS.name - 5) + i + ": " + code).join("\n"))],
  ["readGroup", "100,000 lines (refused past the limit)", () => SCI.readGroup(data, (code + "\n").repeat(100000))],
  ["readGroup", "2,000,000 characters on one line", () => SCI.readGroup(data, "x".repeat(2 * MB - code.length - 1) + " " + code)],
  // 100 right-to-left names of 1,650 letters, each letter 6 characters once encoded.
  ["decodeGroup + readGroup", `a fragment of ${fragmentOf(100, "\u05d0".repeat(1650)).length.toLocaleString("en")} characters, 100 names`, () => {
    SCI.readGroup(data, SCI.decodeGroup(fragmentOf(100, "\u05d0".repeat(1650))));
  }],
  ["decodeGroup + readGroup", `a fragment of ${SCI.LIMITS.lines.toLocaleString("en")} people`, () => {
    SCI.readGroup(data, SCI.decodeGroup(fragmentOf(SCI.LIMITS.lines, "AE West")));
  }],
  ["decodeGroup", "one name of 1,000,000 characters", () => SCI.decodeGroup("2.t3st." + code.split(".")[2] + ":" + "a".repeat(MB))]
];

process.stdout.write(JSON.stringify(cases.map(([check, input, fn]) => [check, input, timed(fn)])) + "\n");
