/* A group of results, for the compare page: reading lists of result links or codes (a
 * pasted text, a file, the page's own #fragment), and the group's median, spread, gaps
 * and blind spots. Pure functions over the quiz data and the people's answers, added to
 * SCI beside indicator.js's; a file of their own because only the compare page needs
 * them, so the other pages do not carry them.
 *
 * In the browser indicator.js comes first and SCI is window.SCI; Node's tests require
 * this file after indicator.js, and it joins that same SCI.
 */
(function (root) {
  "use strict";

  var SCI = root.SCI || require("./indicator.js").SCI;
  var LINK_VERSION = SCI.LINK_VERSION, decodeAnswers = SCI.decodeAnswers, encodeAnswers = SCI.encodeAnswers, score = SCI.score;

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

  /* {dimensionId: percent}: the share of the group's answers in each dimension that were
     "not sure", 0-100 and unrounded: what the group as a whole cannot see. */
  function unsureShares(data, people) {
    var shares = {};
    data.dimensions.forEach(function (id) {
      var unsure = 0, total = 0;
      people.forEach(function (person) {
        unsure += person.result.dimensions[id].unsure;
        total += person.result.dimensions[id].total;
      });
      shares[id] = total ? unsure * 100 / total : 0;
    });
    return shares;
  }

  SCI.LIMITS = LIMITS;
  SCI.FORMULA = FORMULA; // the team report's saved cells (teamreport.js) are neutralised by the same rule
  SCI.quantile = quantile; // and its spreads use the same quantiles
  SCI.readLine = readLine;
  SCI.lineOf = lineOf;
  SCI.readGroup = readGroup;
  SCI.groupSpreads = groupSpreads;
  SCI.gaps = gaps;
  SCI.encodeGroup = encodeGroup;
  SCI.decodeGroup = decodeGroup;
  SCI.unsureShares = unsureShares;
})(this);
