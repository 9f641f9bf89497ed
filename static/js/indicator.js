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

  /* {dimensionId: {score, rated, total}}: score is the mean counted answer on 0-100
     (a counted c of p points is (c - 1) / (p - 1) * 100), or null when the dimension
     has no rated statement. */
  function dimensionScores(data, answers) {
    var sums = {};
    data.dimensions.forEach(function (id) { sums[id] = { sum: 0, rated: 0, total: 0 }; });
    data.statements.forEach(function (statement) {
      var entry = sums[statement.dimension];
      var value = counted(statement, answers[statement.id], data.points);
      entry.total += 1;
      if (value !== null) { entry.sum += value; entry.rated += 1; }
    });
    var scores = {};
    data.dimensions.forEach(function (id) {
      var entry = sums[id];
      scores[id] = {
        score: entry.rated ? (entry.sum - entry.rated) * 100 / ((data.points - 1) * entry.rated) : null,
        rated: entry.rated,
        total: entry.total
      };
    });
    return scores;
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
    return {
      dimensions: dimensions,
      rated: rated,
      total: data.statements.length,
      overall: overall,
      band: overall === null ? null : bandIndex(data.bands, overall)
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

  // --- A group of results (the compare page) ------------------------------------------

  /* The value at fraction p (0 to 1) of numbers sorted low to high, interpolating
     between the two nearest: position p * (n - 1), counted from 0. Spreadsheets call
     this QUARTILE.INC (and numpy its default), so a reader can check the numbers. */
  function quantile(sorted, p) {
    var position = p * (sorted.length - 1);
    var below = Math.floor(position);
    var above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }

  /* {min, q1, median, q3, max} of some numbers; null when there are none. */
  function spread(values) {
    if (!values.length) return null;
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    return {
      min: sorted[0],
      q1: quantile(sorted, 0.25),
      median: quantile(sorted, 0.5),
      q3: quantile(sorted, 0.75),
      max: sorted[sorted.length - 1]
    };
  }

  /* Whoever sends a list, a file or a link is the attacker: every reading below is
     linear in its input, and these bound the input (compare.js says when one is passed).
     A name longer than `name` is cut there, with an ellipsis. */
  var LIMITS = { lines: 5000, name: 100, text: 2000000, fragment: 1000000 };
  var SEPARATORS = /[\s,;]/; // between a label and its code
  var FSI = "\u2068", PDI = "\u2069"; // isolate a name from the text around it (bidi)
  var FORMULA = /^'*[=+\-@\t\r]/; // what a spreadsheet would take for a formula (OWASP)

  /* One line of a list of results: an optional label, then a result link or code, as in
     "CEO: https://…/result.html#2.…", "AE West, 2.…" or a bare "2.…". The code is the
     line's last word (words end at spaces, tabs, commas and semicolons; of a link, the
     part after its last #); the label is everything before it, less the separators, as
     labelOf reads it. null for a blank line, else {label, answers} or {label, error}
     with decodeAnswers' errors, and `word`, the code as written. Found by scanning
     from the end, once: a regular expression here took seconds on a long name. */
  function readLine(data, line) {
    var text = String(line);
    var end = text.length;
    while (end > 0 && SEPARATORS.test(text.charAt(end - 1))) end -= 1;
    if (!end) return null;
    var start = end;
    while (start > 0 && !SEPARATORS.test(text.charAt(start - 1))) start -= 1;
    var word = unquote(text.slice(start, end));
    var label = labelOf(text.slice(0, start));
    var decoded = decodeAnswers(data, word.slice(word.lastIndexOf("#") + 1));
    return decoded.answers ? { label: label, answers: decoded.answers, word: word } : { label: label, error: decoded.error, word: word };
  }

  /* The name before a code, as lineOf writes it or a person or spreadsheet would: less
     the separators and the colon after it, a CSV field's quotes (its "" as one "),
     then lineOf's quote against formulas and its bidi isolation; at most LIMITS.name
     characters. */
  function labelOf(text) {
    var end = text.length;
    while (end > 0 && /[\s,;:]/.test(text.charAt(end - 1))) end -= 1;
    var label = unquote(text.slice(0, end).trim());
    if (label.charAt(0) === "'" && label.charAt(1) === FSI) label = label.slice(1);
    if (label.length > 1 && label.charAt(0) === FSI && label.charAt(label.length - 1) === PDI) label = label.slice(1, -1);
    return label.length > LIMITS.name ? label.slice(0, LIMITS.name - 1) + "\u2026" : label;
  }

  /* A CSV field without its quotes, "" read as one "; other text as it is. */
  function unquote(field) {
    if (field.length > 1 && field.charAt(0) === '"' && field.charAt(field.length - 1) === '"') {
      return field.slice(1, -1).split('""').join('"');
    }
    return field.replace(/^"|"$/g, "");
  }

  /* The line readLine reads back as {label, code}, for a text field, a file or a
     spreadsheet: the label isolated (U+2068...U+2069), so a right-to-left mark in it
     cannot turn the line around, and behind a ' where it would start a formula. */
  function lineOf(label, code) {
    if (!label) return code;
    return (FORMULA.test(label) ? "'" : "") + FSI + label + PDI + ": " + code;
  }

  /* Every line of `text` read: {people: [{line, label, answers, result}], problems:
     [{line, error}]}, lines counted from 1 as an editor does, blank ones included. A
     first line with no code on it (no "." in its last word) is a header, as a
     spreadsheet writes one, and skipped. Past LIMITS.lines lines, nothing is read:
     {people: [], problems: [], tooMany: how many}. */
  function readGroup(data, text) {
    var group = { people: [], problems: [] };
    var lines = String(text).split(/\r\n|\r|\n/);
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    if (lines.length > LIMITS.lines) {
      group.tooMany = lines.length;
      return group;
    }
    var first = true;
    lines.forEach(function (line, index) {
      var read = readLine(data, line);
      if (!read) return;
      var header = first && read.error && read.word.indexOf(".") < 0;
      first = false;
      if (header) return;
      if (read.error) group.problems.push({ line: index + 1, error: read.error });
      else group.people.push({ line: index + 1, label: read.label, answers: read.answers, result: score(data, read.answers) });
    });
    return group;
  }

  /* {dimensionId: spread} of the people's scores; a person without a score in a
     dimension is left out of that dimension only. */
  function groupSpreads(data, people) {
    var spreads = {};
    data.dimensions.forEach(function (id) {
      spreads[id] = spread(people
        .map(function (person) { return person.result.dimensions[id].score; })
        .filter(function (value) { return value !== null; }));
    });
    return spreads;
  }

  /* [{id, gap}]: each scored dimension's distance of `result` from the group median
     (positive: rated higher than the group), the largest first; ties keep the order of
     questions.yaml. */
  function gaps(data, result, spreads) {
    return data.dimensions
      .filter(function (id) { return result.dimensions[id].score !== null && spreads[id]; })
      .map(function (id, order) { return { id: id, gap: result.dimensions[id].score - spreads[id].median, order: order }; })
      .sort(function (a, b) { return Math.abs(b.gap) - Math.abs(a.gap) || a.order - b.order; })
      .map(function (entry) { return { id: entry.id, gap: entry.gap }; });
  }

  /* A group as one link fragment, "2.<fingerprint>.<answers>[:<label>],…": the people's
     codes share their version and fingerprint, so each adds its answers and, if it has
     one, its URI-encoded label (which can hold neither "," nor ":" unencoded). */
  function encodeGroup(data, people) {
    return [LINK_VERSION, data.fingerprint, people.map(function (person) {
      var answers = encodeAnswers(data, person.answers).split(".")[2]; // with its check character
      return person.label ? answers + ":" + encodeURIComponent(person.label) : answers;
    }).join(",")].join(".");
  }

  /* A fragment made by encodeGroup back as lines that readGroup reads (lineOf's);
     anything else comes back as it is, for readGroup to report. */
  function decodeGroup(text) {
    var parts = /^([^.]*)\.([^.]*)\.(.*)$/.exec(String(text).replace(/^#/, ""));
    if (!parts) return String(text).replace(/^#/, "");
    return parts[3].split(",").map(function (entry) {
      var colon = entry.indexOf(":");
      var code = parts[1] + "." + parts[2] + "." + (colon < 0 ? entry : entry.slice(0, colon));
      var label = colon < 0 ? "" : entry.slice(colon + 1);
      try { label = decodeURIComponent(label); } catch (error) { /* kept as written */ }
      return lineOf(label.replace(/[\r\n]+/g, " ").trim(), code);
    }).join("\n");
  }

  // --- Words ---------------------------------------------------------------------------

  /* A UI string with its {braces} filled in; unknown braces are left as written. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  // --- The outside world ---------------------------------------------------------------

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
    score: score,
    bandIndex: bandIndex,
    adviceLevel: adviceLevel,
    weakest: weakest,
    cleanAnswers: cleanAnswers,
    encodeAnswers: encodeAnswers,
    decodeAnswers: decodeAnswers,
    fill: fill,
    LIMITS: LIMITS,
    readLine: readLine,
    lineOf: lineOf,
    readGroup: readGroup,
    groupSpreads: groupSpreads,
    gaps: gaps,
    encodeGroup: encodeGroup,
    decodeGroup: decodeGroup,
    offerLink: offerLink,
    readData: readData,
    markOwn: markOwn,
    isOwn: isOwn,
    openProgress: openProgress
  };
})(this);
