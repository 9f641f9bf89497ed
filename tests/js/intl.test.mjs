// Numbers and dates in the page's language (indicator.js's number, date and fill): the
// script is run as a page runs it, with a document whose <html lang> is each language.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../static/js/indicator.js", import.meta.url), "utf8");

/* indicator.js's SCI on a page whose <html lang> is `lang`. */
function page(lang) {
  const context = vm.createContext({ document: { documentElement: { lang } } });
  vm.runInContext(SOURCE, context);
  return context.SCI;
}

const NARROW = "\u202f"; // the narrow no-break space French groups digits with
const NBSP = "\u00a0"; // and the no-break space it sets before %
const NOON = new Date(2026, 2, 5, 12); // 5 March 2026

test("French: decimal comma, grouping by narrow spaces, the percent sign after a space, the date in words", () => {
  const SCI = page("fr");
  assert.equal(SCI.number(1234.5), `1${NARROW}234,5`);
  assert.equal(SCI.number(2, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), "2,0");
  assert.equal(SCI.number(0.45, { style: "percent" }), `45${NBSP}%`);
  assert.equal(SCI.number(7, { signDisplay: "exceptZero" }), "+7");
  assert.equal(SCI.number(0, { signDisplay: "exceptZero" }), "0");
  assert.equal(SCI.date(NOON), "5 mars 2026");
  assert.equal(SCI.fill("{count} réponses, {size} Mo ; {name}", { count: 200000, size: "1,5", name: "42" }), `200${NARROW}000 réponses, 1,5 Mo ; 42`);
});

test("German: points group, comma for decimals, its own date", () => {
  const SCI = page("de");
  assert.equal(SCI.number(1234567.25), "1.234.567,25");
  assert.equal(SCI.date(NOON), "5. März 2026");
});

test("English as before: commas group, a point for decimals", () => {
  const SCI = page("en");
  assert.equal(SCI.number(100000), "100,000");
  assert.equal(SCI.number(1.5, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), "1.5");
  assert.equal(SCI.number(-4, { signDisplay: "exceptZero" }), "-4");
  assert.equal(SCI.date(NOON), "March 5, 2026");
});

test("Arabic keeps Latin digits, even where Intl's default would be Arabic-Indic (ar-EG, fa)", () => {
  for (const lang of ["ar", "ar-EG", "fa", "ur", "bn"]) {
    const SCI = page(lang);
    assert.match(SCI.number(1234.5), /^1\D234\D5$/, lang);
    assert.match(SCI.number(-12, { signDisplay: "exceptZero" }), /^\D*12$/, lang);
    assert.match(SCI.number(0.45, { style: "percent" }), /^\D*45\D+$/, lang);
    assert.match(SCI.date(NOON), /2026|1404/, lang); // Persian's own calendar, in Latin digits
    assert.doesNotMatch(SCI.date(NOON), /[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef]/, lang);
  }
  assert.equal(page("ar").date(NOON), "5 مارس 2026");
});

test("whole numbers under 1,000 read the same in every language, as Python writes them into the pages", () => {
  for (const lang of ["en", "fr", "de", "ar", "ar-EG", "fa", "hi", "ja", "pt-BR", "es"]) {
    const SCI = page(lang);
    for (let n = 0; n < 1000; n += 1) assert.equal(SCI.number(n), String(n), `${lang} ${n}`);
  }
});

test("a page without a language Intl knows, and Node itself, fall back to the default language", () => {
  const fallback = new Intl.NumberFormat().format(1234.5);
  for (const lang of ["", "en-12", undefined]) assert.equal(page(lang).number(1234.5), fallback, String(lang));
  const context = vm.createContext({});
  vm.runInContext(SOURCE, context);
  assert.equal(context.SCI.number(1234.5), fallback);
});

test("fill formats numbers only: text, codes and links stay as given", () => {
  const SCI = page("fr");
  assert.equal(SCI.fill("{a}/{b}/{c}", { a: 1000, b: "1000", c: "2.ab12cd34.Zz" }), `1${NARROW}000/1000/2.ab12cd34.Zz`);
  assert.equal(SCI.fill("{missing} {a}", { a: 3 }), "{missing} 3");
});
