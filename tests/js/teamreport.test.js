/* The team report's pure functions (static/js/teamreport.js) in Node's test runner, on
   content made here, so they hold for any questions.yaml. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const context = load();
const Team = context.SCITeam;
const plain = (value) => JSON.parse(JSON.stringify(value));

const DATA = {
  fingerprint: "0badf00d",
  minRated: 1,
  minGroupSize: 5,
  points: 5,
  offersNotSure: true,
  scale: { labels: ["No", "Rather not", "Middle", "Rather yes", "Yes"], notSure: "Can't say" },
  dimensions: ["alpha", "beta-two"],
  statements: [
    { id: "a-one", dimension: "alpha" },
    { id: "a-two", dimension: "alpha", reverse: true },
    { id: "b-one", dimension: "beta-two" },
    { id: "b-two", dimension: "beta-two", reverse: true },
  ],
  texts: { "a-one": "We listen, mostly.", "a-two": "We \"blame\" the seller", "b-one": "Fixes ship", "b-two": "Nobody calls" },
  roles: [{ id: "top", label: "The top", view: "executive" }, { id: "mid", label: "Middle" }, { id: "field", label: "The field", view: "frontline" }],
  ui: { team_kit_role_question: "Where do you work?" },
};

test("a group under the minimum is hidden, and the next-smallest with it", () => {
  assert.deepEqual(plain(Team.suppress([3, 6, 14, 9, 0, 1], 5)), ["small", "complement", null, null, null, "small"]);
  assert.deepEqual(plain(Team.suppress([3, 10, 10], 5)), ["small", "complement", null]);
  assert.deepEqual(plain(Team.suppress([2, 3, 10], 5)), ["small", "small", null]);
  assert.deepEqual(plain(Team.suppress([0, 10, 10], 5)), [null, null, null]);
  assert.deepEqual(plain(Team.suppress([1, 2, 1], 5)), ["small", "small", "small"]);
});

test("columns match by code, by wording and inside tools' headings", () => {
  const m = Team.makeMatcher(DATA);
  const index = (heading) => { const found = m.column([heading]); return found && found.kind === "statement" ? found.index : found && found.kind; };
  assert.equal(index("alpha.a-two"), 1);
  assert.equal(index("betatwo[bone]"), 2);
  assert.equal(index("group/beta-two.b-two"), 3);
  assert.equal(index("beta-two_1"), 2);
  assert.equal(index("Rate these [We blame the seller]"), 1);
  assert.equal(index("Rate these - 2.  we listen,   MOSTLY"), 0);
  assert.equal(index("“Fixes ship”"), 2);
  assert.equal(index("role"), "role");
  assert.equal(index("Where do you work?"), "role");
  assert.equal(index("Timestamp"), null);
});

test("answers match by number or label, and anything else is unknown, not guessed", () => {
  const m = Team.makeMatcher(DATA);
  assert.equal(m.value("4"), 4);
  assert.equal(m.value("4 - Rather yes"), 4);
  assert.equal(m.value(" rather YES "), 4);
  assert.equal(m.value("99"), 0);
  assert.equal(m.value("Can’t say"), 0);
  assert.equal(m.value(""), null);
  assert.equal(m.value("2.5"), undefined);
  assert.equal(m.value("6"), undefined);
  assert.equal(m.role("3 - The field"), 2);
  assert.equal(m.role("mid"), 1);
  assert.equal(m.role("Board"), undefined);
});

test("with texts.json (data.languages), every language's wording matches; the page's own meaning wins a clash", () => {
  // As sitebuild/languages.py writes it: the source's words first, a second language after.
  const languages = {
    statements: { "a-one": ["We listen, mostly.", "On écoute, surtout."], "a-two": ["We \"blame\" the seller", "On « blâme » le vendeur"],
      "b-one": ["Fixes ship", "Les correctifs sortent"], "b-two": ["Nobody calls"] },
    labels: [["No", "Non"], ["Rather not", "Plutôt non"], ["Middle", "Yes"], ["Rather yes", "Plutôt oui"], ["Yes", "Oui"]],
    notSure: ["Can't say", "Je ne sais pas"],
    roles: { top: ["The top", "La direction"], mid: ["Middle", "Le milieu"], field: ["The field", "Le terrain"] },
    roleQuestion: ["Where do you work?", "Où travaillez-vous ?"],
  };
  const m = Team.makeMatcher({ ...DATA, languages });
  const index = (heading) => { const found = m.column([heading]); return found && found.kind === "statement" ? found.index : found && found.kind; };
  assert.equal(index("Notez [On blâme le vendeur]"), 1);
  assert.equal(index("on écoute, surtout"), 0);
  assert.equal(index("We listen, mostly."), 0);
  assert.equal(index("Où travaillez-vous ?"), "role");
  assert.equal(m.value("Plutôt oui"), 4);
  assert.equal(m.value("2 - Plutôt non"), 2);
  assert.equal(m.value("Je ne sais pas"), 0);
  assert.equal(m.value("Yes"), 5); // the page's own "Yes", not the other language's word for 3
  assert.equal(m.role("Le terrain"), 2);
  assert.equal(m.role("1 - La direction"), 0);
  // Without texts.json, the other language is left out, not guessed.
  const alone = Team.makeMatcher(DATA);
  assert.equal(alone.value("Plutôt oui"), undefined);
  assert.equal(alone.column(["on écoute, surtout"]), null);
});

test("quoted CSV fields with commas, line breaks, doubled quotes, a BOM and CRLF read as written", () => {
  const text = "\ufeffrole,alpha.a-one,Note\r\n\"The field\",\"4 - Rather yes\",\"one, two\r\nthree \"\"four\"\"\"\r\n";
  const rows = plain(context.Papa.parse(text.replace(/^\ufeff/, ""), { skipEmptyLines: true }).data);
  assert.deepEqual(rows, [["role", "alpha.a-one", "Note"], ["The field", "4 - Rather yes", "one, two\r\nthree \"four\""]]);
  const reader = Team.createReader(DATA);
  reader.start([rows[0]]);
  reader.add(rows[1]);
  const result = reader.result();
  assert.equal(result.count, 1);
  const read = Team.summarise({ ...DATA, minGroupSize: 1 }, result.tally);
  assert.equal(read.statements[0].groups[2].rated, 1); // the field's
  assert.equal(read.statements[0].groups[2].score, 75); // 4 on 1-5 is 75 on 0-100
});

test("the gap sets the frontline median against the executive one", () => {
  const people = [];
  for (let i = 0; i < 5; i += 1) people.push({ role: 0, answers: Uint8Array.from([5, 1, 5, 1]) });
  for (let i = 0; i < 5; i += 1) people.push({ role: 1, answers: Uint8Array.from([3, 3, 3, 3]) });
  for (let i = 0; i < 6; i += 1) people.push({ role: 2, answers: Uint8Array.from([2, 4, 1, 255]) });
  const report = Team.summarise(DATA, people);
  assert.equal(report.dimensions[0].groups[0].spread.median, 100);
  assert.equal(report.dimensions[0].groups[2].spread.median, 25);
  assert.equal(report.dimensions[0].gap, -75);
  assert.equal(report.statements[0].gap, 25 - 100);
  assert.equal(report.statements[3].groups[2].hidden, null);
  assert.equal(report.statements[3].groups[2].rated, 0);
});

test("every saved cell that a spreadsheet could run is neutralised", () => {
  for (const bad of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) assert.equal(Team.neutralise(bad), "'" + bad);
  assert.equal(Team.neutralise(-12), -12);
  assert.equal(Team.neutralise("Frontline"), "Frontline");
  assert.equal(Team.toCsv([["=HYPERLINK(\"x\")", 3], ["a,b", "line\nbreak"]]), "\"'=HYPERLINK(\"\"x\"\")\",3\r\n\"a,b\",\"line\nbreak\"\r\n");
});
