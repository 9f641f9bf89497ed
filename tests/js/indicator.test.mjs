// indicator.js's pure functions (scoring, result links, groups) in Node's own test runner:
// thousands of cases a second, where a browser spends a page load on each. The browser
// tests keep what needs a page (tests/test_share_browser.py opens a few links for real).
//
// Expectations come from the rules as the README states them, computed here by code of
// the test's own (an independent reading, as tests/expected.py is for the browser tests),
// over random quiz shapes: 1 to 61 statements, any number of dimensions, reversed or not.
// Run: node --test tests/js/   (make test does)

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

// indicator.js is a classic script: `(function (root) { root.SCI = ... })(this)`. Loaded as
// CommonJS, `this` is module.exports, so it needs no change to be required here.
const require = createRequire(import.meta.url);
const SCI = require("../../static/js/indicator.js").SCI;
require("../../static/js/group.js"); // the compare page's part, which joins the same SCI

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const UNANSWERED = 6;

// --- Random quizzes and answers, from a fixed seed --------------------------------------------

function generator(seed) {
  let state = seed >>> 0;
  const next = () => { // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low, high) => low + Math.floor(next() * (high - low + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)] };
}

/* A quiz's data as build.py writes it into the page (render.quiz_data), of a random shape. */
function randomData(random, count = random.int(1, 61)) {
  const dimensionCount = random.int(1, Math.min(count, 7));
  const dimensions = Array.from({ length: dimensionCount }, (_, i) => `d${i}`);
  const statements = Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    dimension: i < dimensionCount ? dimensions[i] : random.pick(dimensions), // none left empty
    ...(random.next() < 0.3 ? { reverse: true } : {}),
  }));
  const bands = [0];
  while (bands.length < random.int(2, 5)) bands.push(random.int(bands[bands.length - 1] + 1, 100 - (5 - bands.length)));
  return {
    fingerprint: Array.from({ length: 8 }, () => random.pick([..."0123456789abcdef"])).join(""),
    points: 5, // the 5-point scale these cases are written for; tests/js/scales.test.mjs covers 2 to 7
    offersNotSure: true,
    statements,
    dimensions,
    bands,
    minRated: Math.ceil(count * random.int(0, 100) / 100),
    adviceLevels: { middle: 40, high: 70 },
  };
}

/* Mostly rated, some "not sure" (0), some unanswered, as a reader leaves them. */
function randomAnswers(random, data) {
  const skip = random.pick([0, 0, 0.1, 0.4, 1]);
  const answers = {};
  for (const statement of data.statements) {
    if (random.next() >= skip) answers[statement.id] = random.int(0, 5);
  }
  return answers;
}

function cases(seed, count, make) {
  const random = generator(seed);
  return Array.from({ length: count }, () => make(random));
}

// --- The README's rules, computed independently ---------------------------------------------

const halfUp = (x) => Math.floor(x + 0.5);

function expectedScore(data, answers) {
  const dimensions = {};
  for (const id of data.dimensions) {
    const values = data.statements
      .filter((s) => s.dimension === id && answers[s.id] >= 1 && answers[s.id] <= 5)
      .map((s) => (s.reverse ? 6 - answers[s.id] : answers[s.id]));
    const sum = values.reduce((a, b) => a + b, 0);
    dimensions[id] = {
      score: values.length ? (sum - values.length) * 25 / values.length : null,
      rated: values.length,
      unsure: data.statements.filter((s) => s.dimension === id && answers[s.id] === 0).length,
      total: data.statements.filter((s) => s.dimension === id).length,
    };
  }
  const rated = Object.values(dimensions).reduce((a, d) => a + d.rated, 0);
  const complete = Object.values(dimensions).every((d) => d.score !== null);
  const overall = complete && rated >= data.minRated
    ? halfUp(data.dimensions.reduce((a, id) => a + dimensions[id].score, 0) / data.dimensions.length)
    : null;
  const band = overall === null ? null : Math.max(...data.bands.map((min, i) => (overall >= min ? i : 0)));
  // No floor in these quizzes (scoring.floor is tested in the browser): nothing holds the band down.
  return { dimensions, rated, total: data.statements.length, overall, band, heldBy: null };
}

function checkCharacter(pairs) {
  let sum = 0;
  [...pairs].forEach((c, i) => { sum += (i % 60 + 1) * ALPHABET.indexOf(c); });
  return ALPHABET[sum % 61];
}

/* "2.<fingerprint>.<pairs><check>": two answers a character, each 0-5 or 6 for unanswered. */
function expectedLink(data, answers) {
  const values = data.statements.map((s) => (Number.isInteger(answers[s.id]) && answers[s.id] >= 0 && answers[s.id] <= 5 ? answers[s.id] : UNANSWERED));
  if (values.length % 2) values.push(UNANSWERED);
  let pairs = "";
  for (let i = 0; i < values.length; i += 2) pairs += ALPHABET[values[i] * 7 + values[i + 1]];
  return `2.${data.fingerprint}.${pairs}${checkCharacter(pairs)}`;
}

/* Spreadsheets' QUARTILE.INC: position p * (n - 1), interpolated between neighbours. */
function quartileInc(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

// --- Scoring --------------------------------------------------------------------------------

test("scores: 3,000 random quizzes and answer sets against the README's rules", () => {
  for (const [data, answers] of cases(1, 3000, (r) => { const d = randomData(r); return [d, randomAnswers(r, d)]; })) {
    assert.deepEqual(SCI.score(data, answers), expectedScore(data, answers), JSON.stringify({ data, answers }));
  }
});

test("scores: the ends of the scale give 0 and 100 in every dimension", () => {
  for (const data of cases(2, 300, (r) => randomData(r))) {
    for (const [end, expected] of [["asset", 100], ["liability", 0]]) {
      const answers = Object.fromEntries(data.statements.map((s) => [s.id, (end === "asset") !== Boolean(s.reverse) ? 5 : 1]));
      const result = SCI.score(data, answers);
      assert.equal(result.overall, expected);
      assert.equal(result.band, expected === 100 ? data.bands.length - 1 : 0);
      for (const id of data.dimensions) assert.equal(result.dimensions[id].score, expected);
    }
  }
});

test("scores: not sure, unanswered and values no answer has leave the means alone", () => {
  const data = { dimensions: ["a"], statements: [{ id: "x", dimension: "a" }, { id: "y", dimension: "a", reverse: true }], bands: [0, 50], minRated: 1, points: 5, offersNotSure: true };
  for (const other of [undefined, 0, 6, -1, 2.5, "3", null, true, NaN]) {
    const result = SCI.score(data, { x: 4, y: other });
    assert.deepEqual(result.dimensions.a, { score: 75, rated: 1, unsure: other === 0 ? 1 : 0, total: 2 }, String(other));
    assert.equal(result.overall, 75);
  }
  assert.equal(SCI.score(data, { x: 0, y: 0 }).overall, null); // nothing rated: no score
  assert.equal(SCI.score(data, { x: 2, y: 2 }).dimensions.a.score, 50); // 2, and 6 - 2 = 4: a mean of 3
});

test("scores: an overall score needs every dimension and data.minRated ratings", () => {
  const data = { dimensions: ["a", "b"], statements: [{ id: "x", dimension: "a" }, { id: "y", dimension: "b" }, { id: "z", dimension: "b" }], bands: [0], minRated: 3, points: 5, offersNotSure: true };
  assert.equal(SCI.score(data, { x: 5, y: 5 }).overall, null); // 2 rated, 3 needed
  assert.equal(SCI.score(data, { y: 5, z: 5 }).overall, null); // a has no rating
  assert.equal(SCI.score(data, { x: 5, y: 5, z: 1 }).overall, 75); // (100 + 50) / 2
});

test("bands: every score from 0 to 100 falls in the last band whose minimum it reaches", () => {
  for (const data of cases(3, 500, (r) => randomData(r))) {
    for (let value = 0; value <= 100; value += 1) {
      const expected = data.bands.reduce((found, min, i) => (value >= min ? i : found), 0);
      assert.equal(SCI.bandIndex(data.bands, value), expected, `${value} in ${data.bands}`);
    }
  }
});

test("advice levels: low below middle, middle below high, high from high up", () => {
  const levels = { middle: 40, high: 70 };
  for (let value = 0; value <= 100; value += 1) {
    assert.equal(SCI.adviceLevel(levels, value), value >= 70 ? "high" : value >= 40 ? "middle" : "low");
  }
});

test("weakest: the lowest scored dimensions first, ties in the order of questions.yaml", () => {
  const data = { dimensions: ["a", "b", "c", "d"] };
  const dimensions = { a: { score: 50 }, b: { score: 25 }, c: { score: null }, d: { score: 25 } };
  assert.deepEqual(SCI.weakest(data, dimensions, 2), ["b", "d"]);
  assert.deepEqual(SCI.weakest(data, dimensions, 9), ["b", "d", "a"]); // c has no score
  for (const [data, answers] of cases(4, 500, (r) => { const d = randomData(r); return [d, randomAnswers(r, d)]; })) {
    const scores = SCI.score(data, answers).dimensions;
    const expected = data.dimensions.filter((id) => scores[id].score !== null)
      .map((id, order) => [scores[id].score, order, id])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((entry) => entry[2]);
    assert.deepEqual(SCI.weakest(data, scores, 3), expected.slice(0, 3));
  }
});

test("cleanAnswers keeps only well-formed answers to known statements", () => {
  const data = { statements: [{ id: "x" }, { id: "y" }, { id: "z" }], points: 5, offersNotSure: true };
  assert.deepEqual(SCI.cleanAnswers(data, { x: 0, y: 5, z: 6, other: 3 }), { x: 0, y: 5 });
  assert.deepEqual(SCI.cleanAnswers(data, { x: "3", y: 2.5, z: -1 }), {});
  for (const stored of [null, undefined, 7, "x", [], [1, 2]]) assert.deepEqual(SCI.cleanAnswers(data, stored), {});
});

// --- Result links ---------------------------------------------------------------------------

test("links: 5,000 answer sets encode in the documented format and decode to the same answers", () => {
  for (const [data, answers] of cases(5, 5000, (r) => { const d = randomData(r); return [d, randomAnswers(r, d)]; })) {
    const code = SCI.encodeAnswers(data, answers);
    assert.equal(code, expectedLink(data, answers));
    assert.deepEqual(SCI.decodeAnswers(data, code), { answers: SCI.cleanAnswers(data, answers) });
    assert.deepEqual(SCI.decodeAnswers(data, "#" + code), { answers: SCI.cleanAnswers(data, answers) });
    assert.deepEqual(SCI.score(data, SCI.decodeAnswers(data, code).answers), SCI.score(data, answers));
  }
});

test("links: every single mistyped character and every swap of two neighbours is caught", () => {
  for (const [data, answers] of cases(6, 40, (r) => { const d = randomData(r); return [d, randomAnswers(r, d)]; })) {
    const code = SCI.encodeAnswers(data, answers);
    const prefix = `2.${data.fingerprint}.`;
    const body = code.slice(prefix.length); // the pairs and the check character
    for (let at = 0; at < body.length; at += 1) {
      for (const c of ALPHABET) {
        if (c === body[at]) continue;
        const changed = prefix + body.slice(0, at) + c + body.slice(at + 1);
        assert.deepEqual(SCI.decodeAnswers(data, changed), { error: "garbled" }, changed);
      }
      if (at + 1 < body.length && body[at] !== body[at + 1]) {
        const swapped = prefix + body.slice(0, at) + body[at + 1] + body[at] + body.slice(at + 2);
        assert.deepEqual(SCI.decodeAnswers(data, swapped), { error: "garbled" }, swapped);
      }
    }
  }
});

test("links: cut short, too long, changed or foreign codes say why they cannot be read", () => {
  const random = generator(7);
  for (let n = 0; n < 300; n += 1) {
    const data = randomData(random);
    const good = SCI.encodeAnswers(data, randomAnswers(random, data));
    const [, fingerprint, body] = good.split(".");
    const other = { ...data, statements: [...data.statements, { id: "extra", dimension: data.dimensions[0] }] };
    const expectations = [
      ["garbled", good.slice(0, -1)], ["garbled", good + "A"], ["garbled", good.slice(0, -1) + (good.endsWith("A") ? "B" : "A")],
      ["garbled", `2.${fingerprint}.`], ["garbled", `2.${fingerprint}`], ["garbled", good + ".x"], ["garbled", "hello"],
      ["garbled", "2"], ["garbled", ".."], ["garbled", good.replaceAll(".", "%2E")], ["garbled", "２" + good.slice(1)],
      ["garbled", "-2" + good.slice(1)], ["garbled", `2.${fingerprint}.<b>bold</b>`], ["garbled", "javascript:alert(1)"],
      ["garbled", `2.${fingerprint}.${"_".repeat(body.length)}`],
      ["version", "1" + good.slice(1)], ["version", "3" + good.slice(1)], ["version", "10" + good.slice(1)],
      ["version", "02" + good.slice(1)], ["version", "0.abc.def"],
      ["questions", good.replace(`.${fingerprint}.`, ".00000000.") === good ? `2.ffffffff.${body}` : good.replace(`.${fingerprint}.`, ".00000000.")],
      ["questions", `2.${fingerprint.slice(0, -1)}.${body}`], ["questions", `2.${fingerprint.toUpperCase() === fingerprint ? "zzzzzzzz" : fingerprint.toUpperCase()}.${body}`],
      ["questions", SCI.encodeAnswers({ ...other, fingerprint: "0f0f0f0f" === fingerprint ? "1f1f1f1f" : "0f0f0f0f" }, {})],
    ];
    for (const [error, code] of expectations) assert.deepEqual(SCI.decodeAnswers(data, code), { error }, code);
  }
});

test("links: pairs beyond the 49 codes answers use are refused even with a valid check character", () => {
  const data = randomData(generator(8), 10);
  for (const c of ALPHABET.slice(49)) {
    const pairs = "AAAA" + c;
    assert.deepEqual(SCI.decodeAnswers(data, `2.${data.fingerprint}.${pairs}${checkCharacter(pairs)}`), { error: "garbled" });
  }
  // An odd count: the last pair's second half must say "unanswered".
  const odd = randomData(generator(9), 3);
  const pairs = ALPHABET[3 * 7 + 6] + ALPHABET[2 * 7 + 4];
  assert.deepEqual(SCI.decodeAnswers(odd, `2.${odd.fingerprint}.${pairs}${checkCharacter(pairs)}`), { error: "garbled" });
});

// --- Groups (the compare page) --------------------------------------------------------------

test("group lines: a label, then a link or code, in the forms people paste", () => {
  const data = randomData(generator(10), 12);
  const answers = randomAnswers(generator(11), data);
  const code = SCI.encodeAnswers(data, answers);
  const clean = SCI.cleanAnswers(data, answers);
  const lines = [
    [code, ""], [`CEO: https://example.github.io/sci/result.html#${code}`, "CEO"], [`AE West, ${code}`, "AE West"],
    [`"Sales, EMEA";"${code}"`, "Sales, EMEA"], [`\t  Ana María\t${code} ,; `, "Ana María"], [`מנכ"ל: ${code}`, 'מנכ"ל'],
  ];
  const text = ["", ...lines.map(([line]) => line), "   ", "not a code"].join("\r\n");
  const group = SCI.readGroup(data, text);
  assert.deepEqual(group.people.map((p) => [p.line, p.label, p.answers]), lines.map(([, label], i) => [i + 2, label, clean]));
  assert.deepEqual(group.people[0].result, SCI.score(data, answers));
  assert.deepEqual(group.problems, [{ line: lines.length + 3, error: "garbled" }]);
});

test("group links: 500 random groups survive encodeGroup and decodeGroup, labels and all", () => {
  const labels = ["", "CEO", "Sales, EMEA", "a: b", "100% sure", "Ana María", "מנכ\"ל", "two\nlines", " spaced ", "#1", "x,y:z%2C"];
  for (const [data, people] of cases(12, 500, (r) => {
    const d = randomData(r);
    return [d, Array.from({ length: r.int(1, 8) }, () => ({ label: r.pick(labels), answers: randomAnswers(r, d) }))];
  })) {
    const group = SCI.readGroup(data, SCI.decodeGroup("#" + SCI.encodeGroup(data, people)));
    assert.deepEqual(group.problems, []);
    assert.deepEqual(
      group.people.map((p) => [p.label, p.answers]),
      people.map((p) => [p.label.replace(/[\r\n]+/g, " ").trim(), SCI.cleanAnswers(data, p.answers)]),
    );
  }
});

test("group spreads: each dimension's QUARTILE.INC five numbers over the people scored in it", () => {
  for (const [data, people] of cases(13, 300, (r) => {
    const d = randomData(r);
    return [d, Array.from({ length: r.int(1, 12) }, () => ({ result: SCI.score(d, randomAnswers(r, d)) }))];
  })) {
    const spreads = SCI.groupSpreads(data, people);
    for (const id of data.dimensions) {
      const scores = people.map((p) => p.result.dimensions[id].score).filter((s) => s !== null);
      if (!scores.length) { assert.equal(spreads[id], null); continue; }
      const expected = { min: Math.min(...scores), q1: quartileInc(scores, 0.25), median: quartileInc(scores, 0.5), q3: quartileInc(scores, 0.75), max: Math.max(...scores) };
      for (const key of Object.keys(expected)) assert.ok(Math.abs(spreads[id][key] - expected[key]) < 1e-9, `${id} ${key}`);
    }
  }
});

test("gaps: distance from the group median, largest first, ties in questions.yaml order", () => {
  const data = { dimensions: ["a", "b", "c", "d"] };
  const result = { dimensions: { a: { score: 50 }, b: { score: 20 }, c: { score: null }, d: { score: 80 } } };
  const spreads = { a: { median: 50 }, b: { median: 50 }, c: { median: 10 }, d: { median: 50 } };
  assert.deepEqual(SCI.gaps(data, result, spreads), [{ id: "b", gap: -30 }, { id: "d", gap: 30 }, { id: "a", gap: 0 }]);
  assert.deepEqual(SCI.gaps(data, result, { ...spreads, b: null }), [{ id: "d", gap: 30 }, { id: "a", gap: 0 }]);
});

// --- Words ----------------------------------------------------------------------------------

test("fill puts values into {braces} and leaves unknown ones as written", () => {
  assert.equal(SCI.fill("Statement {current} of {total}", { current: 3, total: 16 }), "Statement 3 of 16");
  assert.equal(SCI.fill("{a}{a} {b} {toString} {}", { a: "x" }), "xx {b} {toString} {}");
  assert.equal(SCI.fill("{name}", { name: "{name}$&$1" }), "{name}$&$1"); // a value is never read as a pattern
});

test("the page API is what the page scripts call, and nothing else", async () => {
  const { readFile } = await import("node:fs/promises");
  const used = new Set();
  for (const script of ["quiz.js", "result.js", "group.js", "compare.js", "teamreport.js", "teampage.js"]) {
    const source = await readFile(new URL(`../../static/js/${script}`, import.meta.url), "utf8");
    for (const match of source.matchAll(/\bSCI\.(\w+)/g)) used.add(match[1]);
  }
  used.add("bandIndex"); // the band rule, which the band tests above pin down
  used.add("readLine"); // one line of a list, which tests/js/compare-reading.test.js times on crafted input
  assert.deepEqual(Object.keys(SCI).sort(), [...used].sort());
});
