// Unit tests of static/js/indicator.js's pure functions, in Node's own test runner
// (node --test tests/js/; tests/engine/test_js_units.py runs it inside `make test`).
// indicator.js is a classic browser script; under require, its `this` is module.exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const { SCI } = createRequire(import.meta.url)("../../static/js/indicator.js");

/* Quiz data as build.py writes it: `points` scale points, two dimensions of three
   statements, the last of each reverse-keyed. */
function quizData(points, offersNotSure = true, count = 6) {
  const statements = Array.from({ length: count }, (_, i) => ({
    id: `s${i + 1}`,
    dimension: i < count / 2 ? "a" : "b",
    ...(i % 3 === 2 ? { reverse: true } : {}),
  }));
  return {
    fingerprint: "0123abcd", points, offersNotSure, statements,
    dimensions: ["a", "b"], bands: [0, 50], minRated: 4,
  };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/* The link's check character as the README defines it. */
const check = (body) => ALPHABET[[...body].reduce((sum, c, i) => sum + ((i % 60) + 1) * ALPHABET.indexOf(c), 0) % 61];

for (const points of [2, 3, 4, 5, 6, 7]) {
  test(`a ${points}-point rating r counts (r - 1) / (${points} - 1) * 100, reversed (${points} - r) / (${points} - 1) * 100`, () => {
    const data = quizData(points);
    for (let r = 1; r <= points; r += 1) {
      const result = SCI.score(data, { s1: r, s3: r });
      const plain = ((r - 1) / (points - 1)) * 100, reversed = ((points - r) / (points - 1)) * 100;
      assert.ok(Math.abs(result.dimensions.a.score - (plain + reversed) / 2) < 1e-9);
    }
    assert.equal(SCI.score(data, { s1: points + 1 }).dimensions.a.rated, 0, "past the scale");
    assert.equal(SCI.score(data, { s1: 0 }).dimensions.a.rated, 0, "not sure is not counted");
    assert.equal(SCI.score(data, { s3: points }).dimensions.a.score, 0, "the top of a reversed statement counts as the bottom");
  });

  test(`the asset end of a ${points}-point scale scores 100 and the liability end 0`, () => {
    const data = quizData(points);
    const asset = Object.fromEntries(data.statements.map((s) => [s.id, s.reverse ? 1 : points]));
    const liability = Object.fromEntries(data.statements.map((s) => [s.id, s.reverse ? points : 1]));
    assert.equal(SCI.score(data, asset).overall, 100);
    assert.equal(SCI.score(data, asset).band, 1);
    assert.equal(SCI.score(data, liability).overall, 0);
  });

  for (const offersNotSure of [true, false]) {
    test(`a ${points}-point link round-trips every answer${offersNotSure ? " and not sure" : ""}`, () => {
      const data = quizData(points, offersNotSure, 13); // odd: the last character's pair is half empty
      const values = Array.from({ length: points + 1 }, (_, v) => v).filter((v) => v || offersNotSure);
      const answers = {};
      data.statements.forEach((s, i) => { if (i !== 4) answers[s.id] = values[i % values.length]; });
      const code = SCI.encodeAnswers(data, answers);
      assert.match(code, /^2\.0123abcd\.[A-Za-z0-9_-]+$/);
      assert.deepEqual(SCI.decodeAnswers(data, code), { answers });
      const perCharacter = (points + 2) ** 2 <= 64 ? 2 : 1;
      assert.equal(code.split(".")[2].length, Math.ceil(13 / perCharacter) + 1);
    });
  }
}

test("five points keep the links made before scales could vary: two answers a character in base 7", () => {
  const data = quizData(5);
  // s1..s6 = 4, 2, 5, 1, 0, unanswered: pairs 4*7+2, 5*7+1, 0*7+6 -> "e", "k", "G"
  const code = SCI.encodeAnswers(data, { s1: 4, s2: 2, s3: 5, s4: 1, s5: 0 });
  assert.equal(code.split(".")[2].slice(0, 3), "ekG");
});

test("without a not-sure answer, 0 is no answer: dropped from saved answers, refused in links", () => {
  const data = quizData(4, false);
  assert.deepEqual(SCI.cleanAnswers(data, { s1: 0, s2: 4, s3: 5 }), { s2: 4 });
  const withNotSure = SCI.encodeAnswers(quizData(4, true), { s1: 0 });
  assert.deepEqual(SCI.decodeAnswers(data, withNotSure), { error: "garbled" });
});

test("a 7-point link refuses a character past the scale", () => {
  const data = quizData(7, true, 2);
  const code = SCI.encodeAnswers(data, { s1: 7, s2: 1 });
  assert.deepEqual(SCI.decodeAnswers(data, code).answers, { s1: 7, s2: 1 });
  const body = "J" + code.split(".")[2].slice(1, 2); // J = 9, one past unanswered (8)
  assert.equal(SCI.decodeAnswers(data, `2.0123abcd.${body}${check(body)}`).error, "garbled");
  assert.deepEqual(SCI.decodeAnswers(data, `2.0123abcd.IC${check("IC")}`).answers, { s2: 2 }, "I = 8, unanswered");
});

test("which way an answer counted follows the scale's middle, on every length", () => {
  for (const points of [2, 3, 4, 5, 6, 7]) {
    const data = quizData(points);
    const middle = (points + 1) / 2;
    for (let r = 1; r <= points; r += 1) {
      const plain = r > middle ? "for" : r < middle ? "against" : "neutral";
      const reversed = { for: "against", against: "for", neutral: "neutral" }[plain];
      assert.equal(SCI.direction(data, { reverse: false }, r), plain, `${r} of ${points}`);
      assert.equal(SCI.direction(data, { reverse: true }, r), reversed, `${r} of ${points}, reversed`);
    }
    assert.equal(SCI.direction(data, {}, 0), "none");
    assert.equal(SCI.direction(data, {}, undefined), "none");
  }
});
