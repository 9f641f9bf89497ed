/* The compare page's reading of lists, links and files (indicator.js), against what a
 * crafted one can do: freeze the tab, smuggle a formula into a saved file, or turn a
 * sentence around with a bidi control. Run by tests/engine/test_js_units.py (node --test).
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const loadIndicator = require("./load-indicator.js");

const SCI = loadIndicator();
const data = loadIndicator.data;
const code = SCI.encodeAnswers(data, { a1: 4, a2: 2, b1: 5, b2: 1 });
const FSI = "\u2068", PDI = "\u2069";

/* Values from the vm context, as plain ones of this realm, to compare deeply. */
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

function seconds(fn) {
  const started = Date.now();
  fn();
  return (Date.now() - started) / 1000;
}

test("a one-word name of a million characters is read at once, and cut to the name limit", () => {
  let read;
  assert.ok(seconds(() => { read = SCI.readLine(data, "L".repeat(1000000) + ": " + code); }) < 5);
  assert.ok(read.answers);
  assert.strictEqual(read.label, "L".repeat(SCI.LIMITS.name - 1) + "\u2026");
});

test("long runs of separators are read at once", () => {
  assert.ok(seconds(() => SCI.readLine(data, " ".repeat(1000000) + "x" + ",".repeat(1000000))) < 5);
  assert.ok(seconds(() => SCI.readLine(data, ",:".repeat(500000))) < 5);
});

const NAMES = [
  '=HYPERLINK("https://example.com","Open")', "+1 555", "-2", "@SUM(A1:A9)", "'=already quoted", "''+twice",
  "plain name", "\u202Eevil name", "\u05d3\u05e0\u05d4", "Smith, John: AE", 'He said "hi"', FSI + "isolated" + PDI
];

test("names go through a link and a saved file unchanged, isolated, and never as a formula", () => {
  const people = NAMES.map((label) => ({ label: label, answers: { a1: 3 } }));
  const saved = SCI.decodeGroup(SCI.encodeGroup(data, people));
  const lines = saved.split("\n");
  lines.forEach((line, index) => {
    assert.ok(!/^[=+\-@\t\r]/.test(line), line);
    assert.ok(line.includes(FSI + NAMES[index] + PDI), line);
  });
  assert.strictEqual(lines[0].charAt(0), "'");
  assert.strictEqual(lines[6].charAt(0), FSI);
  const group = SCI.readGroup(data, saved);
  assert.deepStrictEqual(plain(group.problems), []);
  assert.deepStrictEqual(plain(group.people.map((person) => person.label)), NAMES);
});

test("a cell that starts with a tab or a carriage return is neutralised too", () => {
  for (const start of ["\t", "\r", "=", "+", "-", "@"]) {
    assert.strictEqual(SCI.lineOf(start + "x", code), "'" + FSI + start + "x" + PDI + ": " + code);
  }
  assert.strictEqual(SCI.lineOf("x", code), FSI + "x" + PDI + ": " + code);
  assert.strictEqual(SCI.lineOf("", code), code);
});

test("a CSV's header row is no bad line, and its doubled quotes read as one", () => {
  const group = SCI.readGroup(data, 'Name,Result link\r\n"He said ""hi""",' + code + '\r\n"Smith, John","' + code + '"\r\n');
  assert.deepStrictEqual(plain(group.problems), []);
  assert.deepStrictEqual(plain(group.people.map((person) => [person.line, person.label])), [[2, 'He said "hi"'], [3, "Smith, John"]]);
});

test("a first line that tries to be a code is still reported", () => {
  const group = SCI.readGroup(data, "CEO: 2.t3st.garbled\n" + code);
  assert.deepStrictEqual(plain(group.problems), [{ line: 1, error: "garbled" }]);
  assert.strictEqual(group.people.length, 1);
});

test("past the line limit nothing is read, and the count is given", () => {
  const lines = (n) => Array.from({ length: n }, () => code).join("\n") + "\n\n";
  assert.strictEqual(SCI.readGroup(data, lines(SCI.LIMITS.lines)).people.length, SCI.LIMITS.lines);
  const refused = SCI.readGroup(data, lines(SCI.LIMITS.lines + 1));
  assert.strictEqual(refused.tooMany, SCI.LIMITS.lines + 1);
  assert.deepStrictEqual(plain(refused.people), []);
});

test("a fragment near its limit, of right-to-left names, is read at once", () => {
  const people = Array.from({ length: 100 }, () => ({ label: "\u05d0".repeat(1650), answers: { a1: 3 } }));
  const fragment = SCI.encodeGroup(data, people);
  assert.ok(fragment.length <= SCI.LIMITS.fragment);
  let group;
  assert.ok(seconds(() => { group = SCI.readGroup(data, SCI.decodeGroup(fragment)); }) < 5);
  assert.strictEqual(group.people.length, 100);
});
