/* The indicator's model, shared by every page that scores.
 *
 * build.py writes the quiz data into each page as JSON; everything here is a pure
 * function of that data and the reader's answers, so it can be tested without a
 * page. The only outside world it touches is the data block, localStorage and the
 * clipboard, through small wrappers at the end. It holds no visible words: those are in
 * data.ui, from questions.yaml.
 *
 * Answers are an object {statementId: 0..data.points}: 1 to data.points on the
 * agreement scale (2 to 7 points), 0 for "not sure" where data.offersNotSure. A
 * statement missing from the object is unanswered.
 *
 * A classic script: in the browser it sets window.SCI; under Node's require, `this` is
 * module.exports, so the unit tests read the same functions as require(...).SCI.
 */
(function (root) {
  "use strict";

  var NOT_SURE = 0;
  var LINK_VERSION = "2"; // 2 added the check character; a "1." link says it is from another version
  // Each answer is a digit in base points + 2: 0 to points, and points + 1 for unanswered.
  // Two answers share a character when the 64 characters hold every pair (up to 6 points:
  // 8 x 8 = 64), else one answer a character. (The fingerprint covers the scale's length.)
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  // --- Scoring -----------------------------------------------------------------------

  /* An answer as it counts, 1 to points, turned around where agreeing reveals a
     liability; null for "not sure", unanswered and anything off the scale, which drop
     out of the means. */
  function counted(statement, value, points) {
    if (typeof value !== "number" || value % 1 !== 0 || value < 1 || value > points) return null;
    return statement.reverse ? points + 1 - value : value;
  }

  /* Whether `value` is an answer this scale can give: a rating or, if offered, not sure. */
  function answerable(data, statement, value) {
    return (value === NOT_SURE && data.offersNotSure) || counted(statement, value, data.points) !== null;
  }

  /* {dimensionId: {score, rated, unsure, total}}: score is the mean counted answer on
     0-100 (a counted c of p points is (c - 1) / (p - 1) * 100), or null when the
     dimension has no rated statement; unsure counts its "not sure" answers, the
     reader's blind spots. */
  function dimensionScores(data, answers) {
    var sums = {};
    data.dimensions.forEach(function (id) { sums[id] = { sum: 0, rated: 0, unsure: 0, total: 0 }; });
    data.statements.forEach(function (statement) {
      var entry = sums[statement.dimension];
      var value = counted(statement, answers[statement.id], data.points);
      entry.total += 1;
      if (value !== null) { entry.sum += value; entry.rated += 1; }
      if (answers[statement.id] === NOT_SURE) entry.unsure += 1;
    });
    var scores = {};
    data.dimensions.forEach(function (id) {
      var entry = sums[id];
      scores[id] = {
        score: entry.rated ? (entry.sum - entry.rated) * 100 / ((data.points - 1) * entry.rated) : null,
        rated: entry.rated,
        unsure: entry.unsure,
        total: entry.total
      };
    });
    return scores;
  }

  /* Which way one answer pushed its dimension: "for" (toward an asset), "against",
     "neutral" (the middle of the scale) or "none" (not sure, or unanswered). */
  function direction(data, statement, value) {
    var count = counted(statement, value, data.points), middle = (data.points + 1) / 2;
    if (count === null) return "none";
    return count > middle ? "for" : count < middle ? "against" : "neutral";
  }

  /* The weakest link: the lowest dimension scoring below data.floor (first listed on a
     tie), or null when there is no floor or every dimension clears it. */
  function weakestLink(data, dimensions) {
    if (!data.floor) return null;
    var below = weakest(data, dimensions, 1)[0];
    return below !== undefined && dimensions[below].score < data.floor ? below : null;
  }

  /* The whole result. The overall score is the mean of the dimension scores, rounded
     half up, and only given when every dimension has a rating and at least
     data.minRated statements are rated; the band is chosen from the rounded score. */
  function score(data, answers) {
    var dimensions = dimensionScores(data, answers);
    var rated = 0, sum = 0, complete = true;
    data.dimensions.forEach(function (id) {
      rated += dimensions[id].rated;
      if (dimensions[id].score === null) complete = false;
      else sum += dimensions[id].score;
    });
    var overall = complete && rated >= data.minRated ? Math.round(sum / data.dimensions.length) : null;
    var band = overall === null ? null : bandIndex(data.bands, overall);
    // The weakest-link rule: a dimension below the floor caps the verdict, whatever the mean.
    var link = overall === null ? null : weakestLink(data, dimensions);
    var heldBy = link !== null && band > data.cap ? link : null;
    return {
      dimensions: dimensions,
      rated: rated,
      total: data.statements.length,
      overall: overall,
      band: heldBy === null ? band : data.cap,
      heldBy: heldBy
    };
  }

  /* The index of the band a rounded score falls in; bands are their sorted lower bounds. */
  function bandIndex(mins, value) {
    var found = 0;
    mins.forEach(function (min, index) { if (value >= min) found = index; });
    return found;
  }

  function adviceLevel(levels, value) {
    if (value >= levels.high) return "high";
    return value >= levels.middle ? "middle" : "low";
  }

  /* The ids of the `count` lowest-scoring dimensions that have a score, lowest
     first; on a tie the one listed first in questions.yaml comes first. */
  function weakest(data, dimensions, count) {
    return data.dimensions
      .filter(function (id) { return dimensions[id].score !== null; })
      .map(function (id, order) { return { id: id, score: dimensions[id].score, order: order }; })
      .sort(function (a, b) { return a.score - b.score || a.order - b.order; })
      .slice(0, count)
      .map(function (entry) { return entry.id; });
  }

  /* Only well-formed answers to known statements, whatever was stored or linked. */
  function cleanAnswers(data, answers) {
    var clean = {};
    if (!answers || typeof answers !== "object") return clean;
    data.statements.forEach(function (statement) {
      var value = answers[statement.id];
      if (answerable(data, statement, value)) clean[statement.id] = value;
    });
    return clean;
  }

  // --- Result links --------------------------------------------------------------------

  /* How answers are packed: {base, per}, the digits' base and the answers a character. */
  function packing(data) {
    var base = data.points + 2;
    return { base: base, per: base * base <= ALPHABET.length ? 2 : 1 };
  }

  /* "2.<fingerprint>.<answers><check>": the format version, the questions' fingerprint
     (which changes whenever a code would mean other answers), the answers, two a
     character (one on a 7-point scale), and a check character. */
  function encodeAnswers(data, answers) {
    var pack = packing(data), unanswered = pack.base - 1;
    var values = data.statements.map(function (statement) {
      var value = answers[statement.id];
      return answerable(data, statement, value) ? value : unanswered;
    });
    var code = "";
    for (var i = 0; i < values.length; i += pack.per) {
      var second = pack.per === 1 ? null : i + 1 < values.length ? values[i + 1] : unanswered;
      code += ALPHABET.charAt(second === null ? values[i] : values[i] * pack.base + second);
    }
    return [LINK_VERSION, data.fingerprint, code + checkCharacter(code)].join(".");
  }

  /* Catches a mistyped character or two neighbours swapped, as happens when a printed
     link is typed in: the characters' positions in ALPHABET, weighted 1, 2, 3, ... (60
     at most) and summed, modulo the prime 61, so any one such change moves the sum. */
  function checkCharacter(code) {
    var sum = 0;
    for (var i = 0; i < code.length; i += 1) sum += (i % 60 + 1) * ALPHABET.indexOf(code.charAt(i));
    return ALPHABET.charAt(sum % 61);
  }

  /* {answers} for a code made by encodeAnswers, or {error}: "version" for another
     format, "questions" for other questions, "garbled" for anything else. */
  function decodeAnswers(data, text) {
    var parts = String(text).replace(/^#/, "").split(".");
    if (parts.length !== 3 || !/^\d+$/.test(parts[0])) return { error: "garbled" };
    if (parts[0] !== LINK_VERSION) return { error: "version" };
    if (parts[1] !== data.fingerprint) return { error: "questions" };
    var code = parts[2].slice(0, -1), count = data.statements.length;
    var pack = packing(data), unanswered = pack.base - 1;
    if (code.length !== Math.ceil(count / pack.per)) return { error: "garbled" };
    if (checkCharacter(code) !== parts[2].slice(-1)) return { error: "garbled" };
    var answers = {};
    for (var i = 0; i < code.length; i += 1) {
      var digits = ALPHABET.indexOf(code.charAt(i));
      if (digits < 0 || digits >= Math.pow(pack.base, pack.per)) return { error: "garbled" };
      var values = pack.per === 2 ? [Math.floor(digits / pack.base), digits % pack.base] : [digits];
      for (var j = 0; j < pack.per; j += 1) {
        var index = i * pack.per + j;
        if (index >= count) {
          if (values[j] !== unanswered) return { error: "garbled" };
        } else if (values[j] !== unanswered) {
          if (!answerable(data, data.statements[index], values[j])) return { error: "garbled" };
          answers[data.statements[index].id] = values[j];
        }
      }
    }
    return { answers: answers };
  }

  // --- Words, numbers and dates ---------------------------------------------------------

  /* Numbers and dates as the page's language writes them (its <html lang>), by Intl:
     number(1234.5) is "1 234,5" in French, "1.234,5" in German; options are
     Intl.NumberFormat's ({style: "percent"} takes 0.45 for 45 %). Digits are Latin in every
     language (-u-nu-latn; Intl gives them for "ar" already, not for "ar-EG" or "fa"): the
     numbers Python writes into the pages, result codes and survey exports all use them,
     and a page must not mix two kinds. Without a page (Node), or with a tag Intl refuses,
     the default language.
     Both are made at their first use, not when the script loads: a page's first touch of Intl
     loads the language's data, about 15 ms of CPU, which would come before the quiz's first
     paint (its script runs as soon as the page is parsed), and the quiz needs no number then. */
  var locale = null;
  var plain = null; // made once: making one costs far more than using it

  function pageLocale() {
    if (locale === null) {
      locale = [];
      try { locale = Intl.getCanonicalLocales(root.document.documentElement.lang + "-u-nu-latn"); } catch (error) { /* the default */ }
    }
    return locale;
  }

  function number(value, options) {
    if (options) return new Intl.NumberFormat(pageLocale(), options).format(value);
    plain = plain || new Intl.NumberFormat(pageLocale());
    return plain.format(value);
  }

  /* A day in words: "5 mars 2026", "March 5, 2026". */
  function date(day) {
    return day.toLocaleDateString(pageLocale(), { dateStyle: "long" });
  }

  /* A UI string with its {braces} filled in, numbers written the page's way; unknown
     braces are left as written. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
      return typeof values[name] === "number" ? number(values[name]) : String(values[name]);
    });
  }

  // --- The outside world ---------------------------------------------------------------

  /* The language switcher opens this same page in another language: its links take the
     page's fragment along (a result's code, a compared list), or drop it with "", so the
     reader finds there what they see here. */
  function carryFragment(fragment) {
    Array.prototype.forEach.call(document.querySelectorAll("#languages a"), function (link) { link.hash = fragment; });
  }

  function readData(doc) {
    return JSON.parse(doc.getElementById("sci-data").textContent);
  }

  /* The reader's saved progress ({answers, position}) for exactly these questions:
     the key holds the fingerprint, so answers to other questions never mix in. */
  function openProgress(data) {
    var store = openStore(data.storagePrefix);
    var key = data.fingerprint + ":progress";
    return {
      available: store.available,
      load: function () { return store.get(key) || {}; },
      save: function (progress) { return store.set(key, progress); },
      clear: function () { store.remove(key); }
    };
  }

  /* The code of the answers the quiz in this tab has just given, kept in window.name,
     which lasts while the tab stays on this site and needs no storage: when storage is
     full or blocked, the result page still knows a link to them as the reader's own
     (browsers clear window.name when a tab goes to another site). */
  function markOwn(data, code) {
    root.name = data.storagePrefix + "own:" + code;
  }

  function isOwn(data, code) {
    return root.name === data.storagePrefix + "own:" + code;
  }

  /* The results kept on this device, oldest first, as [{date: "YYYY-MM-DD", code}] with
     the codes of encodeAnswers. record(answers, date) adds a result unless it is the
     last one again (a reload), keeps the newest 40, and returns the one before it, if
     any; forget() deletes every key of the site, answers in progress included. */
  function openHistory(data) {
    var store = openStore(data.storagePrefix);
    var key = data.fingerprint + ":history";
    return {
      available: store.available,
      record: function (answers, date) {
        var list = store.get(key), code = encodeAnswers(data, answers);
        list = Array.isArray(list) ? list : [];
        var last = list[list.length - 1];
        if (!last || last.code !== code) list.push({ date: date, code: code });
        store.set(key, list.slice(-40));
        return list[list.length - 2] || null;
      },
      forget: store.clearAll
    };
  }

  /* localStorage under one prefix, never throwing: private modes, blocked storage and
     full quotas all make it throw, and the quiz must work regardless. */
  function openStore(prefix) {
    var storage = null;
    try {
      storage = root.localStorage;
      storage.setItem(prefix + "probe", "1");
      storage.removeItem(prefix + "probe");
    } catch (error) {
      storage = null;
    }
    return {
      available: storage !== null,
      get: function (key) {
        try { return storage ? JSON.parse(storage.getItem(prefix + key)) : null; } catch (error) { return null; }
      },
      set: function (key, value) {
        try { if (storage) storage.setItem(prefix + key, JSON.stringify(value)); return true; } catch (error) { return false; }
      },
      remove: function (key) {
        try { if (storage) storage.removeItem(prefix + key); } catch (error) { /* nothing to clear */ }
      },
      /* Every key under the prefix, whatever questions it was saved for. */
      clearAll: function () {
        try {
          if (!storage) return;
          for (var i = storage.length - 1; i >= 0; i -= 1) {
            var name = storage.key(i);
            if (name && name.indexOf(prefix) === 0) storage.removeItem(name);
          }
        } catch (error) { /* nothing to clear */ }
      }
    };
  }

  /* A share box: `box` holds a [data-link] text field, [data-copy] and [data-share]
     buttons and a [data-status] live region; `say` is {copied, manual}, the words for a
     copy done and for one left to the reader. Returns setLink(url). Copy uses the
     clipboard where the browser allows it, else selects the link and says how to copy
     it; Share shows only where the browser has the Web Share API. */
  function offerLink(box, say) {
    var field = box.querySelector("[data-link]");
    var status = box.querySelector("[data-status]");
    var share = box.querySelector("[data-share]");
    function copyByHand() {
      field.focus();
      field.select();
      status.textContent = say.manual;
    }
    box.querySelector("[data-copy]").addEventListener("click", function () {
      status.textContent = "";
      var clipboard = root.navigator.clipboard;
      if (!clipboard || !clipboard.writeText) return copyByHand();
      clipboard.writeText(field.value).then(function () { status.textContent = say.copied; }, copyByHand);
    });
    share.hidden = typeof root.navigator.share !== "function";
    share.addEventListener("click", function () {
      // A reader who closes the share sheet rejects the promise: nothing to report.
      root.navigator.share({ title: root.document.title, url: field.value }).catch(function () {});
    });
    return function setLink(url) { field.value = url; };
  }

  /* What the pages call (bandIndex: the band rule, for the tests), and nothing more.
     `this` is window in the browser, and module.exports where Node's tests require it. */
  root.SCI = {
    NOT_SURE: NOT_SURE,
    LINK_VERSION: LINK_VERSION,
    counted: counted, // the team report's tallies (teamreport.js)
    dimensionScores: dimensionScores, // each respondent of a team survey, as on the result page
    direction: direction,
    score: score,
    bandIndex: bandIndex,
    adviceLevel: adviceLevel,
    weakest: weakest,
    cleanAnswers: cleanAnswers,
    encodeAnswers: encodeAnswers,
    decodeAnswers: decodeAnswers,
    fill: fill,
    number: number,
    date: date,
    offerLink: offerLink,
    readData: readData,
    carryFragment: carryFragment,
    markOwn: markOwn,
    isOwn: isOwn,
    openProgress: openProgress,
    openHistory: openHistory
  };
})(this);
