/* The compare page: reads result links or codes, one per line, and sets one person's
 * scores against the group's median and spread, dimension by dimension, with the
 * largest gaps in words. The first part is the group's model: pure functions over the
 * data and the people's answers, added to window.SCI beside indicator.js's (they live
 * here because only this page needs them, and the other pages' size budget is tight).
 * The second only fills in the page. Nothing leaves the browser: a picked file is read
 * here, and the list is kept in the page's own #fragment.
 */
(function (SCI) {
  "use strict";

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

  /* One line of a list of results: an optional label, then a result link or code, as in
     "CEO: https://…/result.html#2.…", "AE West, 2.…" or a bare "2.…". The code is the
     line's last word (words end at spaces, tabs, commas and semicolons; of a link, the
     part after its last #); the label is everything before it, less the separators and
     the quotes a spreadsheet adds. null for a blank line, else {label, answers} or
     {label, error} with decodeAnswers' errors. */
  function readLine(data, line) {
    var text = String(line).replace(/[\s,;]+$/, "").trim();
    if (!text) return null;
    var match = /^(.*?)([^\s,;]+)$/.exec(text);
    var word = match[2].replace(/^"|"$/g, "");
    var label = match[1].replace(/[\s,;:]+$/, "").replace(/^"|"$/g, "").trim();
    var decoded = decodeAnswers(data, word.slice(word.lastIndexOf("#") + 1));
    return decoded.answers ? { label: label, answers: decoded.answers } : { label: label, error: decoded.error };
  }

  /* Every line of `text` read: {people: [{line, label, answers, result}], problems:
     [{line, error}]}, lines counted from 1 as an editor does, blank ones included. */
  function readGroup(data, text) {
    var group = { people: [], problems: [] };
    String(text).split(/\r\n|\r|\n/).forEach(function (line, index) {
      var read = readLine(data, line);
      if (!read) return;
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

  /* A fragment made by encodeGroup back as lines that readGroup reads ("label: code");
     anything else comes back as it is, for readGroup to report. */
  function decodeGroup(text) {
    var parts = /^([^.]*)\.([^.]*)\.(.*)$/.exec(String(text).replace(/^#/, ""));
    if (!parts) return String(text).replace(/^#/, "");
    return parts[3].split(",").map(function (entry) {
      var colon = entry.indexOf(":");
      var code = parts[1] + "." + parts[2] + "." + (colon < 0 ? entry : entry.slice(0, colon));
      var label = colon < 0 ? "" : entry.slice(colon + 1);
      try { label = decodeURIComponent(label); } catch (error) { /* kept as written */ }
      label = label.replace(/[\r\n]+/g, " ").trim();
      return label ? label + ": " + code : code;
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

  SCI.unsureShares = unsureShares;
  SCI.quantile = quantile;
  SCI.spread = spread;
  SCI.readLine = readLine;
  SCI.readGroup = readGroup;
  SCI.groupSpreads = groupSpreads;
  SCI.gaps = gaps;
  SCI.encodeGroup = encodeGroup;
  SCI.decodeGroup = decodeGroup;
})(window.SCI);

(function () {
  "use strict";

  var SCI = window.SCI;
  var data = SCI.readData(document);
  var lines = document.getElementById("lines");
  var chooser = document.getElementById("person");
  var error = document.getElementById("compare-error");
  var setLink = SCI.offerLink(document.getElementById("keep"), { copied: data.ui.copied, manual: data.ui.copy_manual });
  var group = { people: [], problems: [] };
  var spreads = {};

  function nameOf(person) {
    return person.label || SCI.fill(data.ui.respondent_unnamed, { line: person.line });
  }

  /* The people as a link fragment; SCI.decodeGroup turns it back into the lines
     ("label: code") that a saved file holds. */
  function state() {
    return SCI.encodeGroup(data, group.people);
  }

  function compare(moveFocus) {
    group = SCI.readGroup(data, lines.value);
    showProblems();
    error.hidden = group.people.length > 0;
    document.getElementById("comparison").hidden = !group.people.length;
    if (!group.people.length) {
      if (moveFocus) error.focus();
      return;
    }
    spreads = SCI.groupSpreads(data, group.people);
    document.getElementById("count").textContent = SCI.fill(data.ui.compare_count, { count: group.people.length });
    fillChooser();
    showPerson();
    showUnsure();
    // The address always holds the list, so a reload or a bookmark comes back to it.
    history.replaceState(null, "", "#" + state());
    setLink(location.href);
  }

  function showProblems() {
    var list = document.getElementById("problem-list");
    list.textContent = "";
    group.problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = SCI.fill(data.ui.compare_problem, {
        line: problem.line,
        reason: { garbled: data.ui.link_garbled, questions: data.ui.link_questions, version: data.ui.link_version }[problem.error]
      });
      list.appendChild(item);
    });
    document.getElementById("problems").hidden = !group.problems.length;
  }

  /* Everyone in the list to choose from; the one named like "CEO" first, if anyone is. */
  function fillChooser() {
    var options = document.createDocumentFragment();
    var wanted = data.ui.compare_default_label.toLowerCase();
    var chosen = -1;
    group.people.forEach(function (person, index) {
      options.appendChild(new Option(nameOf(person), index));
      if (chosen < 0 && person.label.toLowerCase() === wanted) chosen = index;
    });
    chooser.textContent = "";
    chooser.appendChild(options);
    chooser.value = Math.max(chosen, 0);
  }

  /* Sets one figure in a cell: its text, and the rounded number in data-<name> for tests. */
  function put(cell, name, value) {
    cell.dataset[name] = value === null ? "" : Math.round(value);
    return value === null ? data.ui.not_enough_answers : Math.round(value);
  }

  function range(cell, low, high) {
    cell.textContent = SCI.fill(data.ui.compare_range, { low: put(cell, "low", low), high: put(cell, "high", high) });
  }

  /* A mark on the 0-100 drawing, placed through the CSSOM (the CSP allows no style attributes). */
  function place(mark, from, to) {
    mark.hidden = from === null;
    if (from === null) return;
    mark.style.insetInlineStart = from + "%";
    if (to !== undefined) mark.style.inlineSize = (to - from) + "%";
  }

  function showPerson() {
    var person = group.people[Number(chooser.value)];
    data.dimensions.forEach(function (id) {
      var row = document.querySelector('tr[data-dimension="' + id + '"]');
      var own = person.result.dimensions[id].score;
      var spread = spreads[id] || { min: null, q1: null, median: null, q3: null, max: null };
      var personCell = row.querySelector("td.person");
      var medianCell = row.querySelector("td.median");
      personCell.textContent = put(personCell, "score", own);
      medianCell.textContent = put(medianCell, "score", spread.median);
      range(row.querySelector("td.quartiles"), spread.q1, spread.q3);
      range(row.querySelector("td.range"), spread.min, spread.max);
      place(row.querySelector(".whiskers"), spread.min, spread.max);
      place(row.querySelector(".box"), spread.q1, spread.q3);
      place(row.querySelector(".mid"), spread.median);
      place(row.querySelector(".dot"), own);
    });
    showGaps(person);
  }

  /* The group's "not sure" share per dimension: blind spots shared by the whole group. */
  function showUnsure() {
    var shares = SCI.unsureShares(data, group.people);
    data.dimensions.forEach(function (id) {
      var cell = document.querySelector('tr[data-dimension="' + id + '"] td.unsure');
      cell.dataset.percent = Math.round(shares[id]);
      cell.textContent = SCI.fill(data.ui.compare_unsure, { percent: Math.round(shares[id]) });
    });
  }

  /* The three largest gaps of at least a point, worded as the case would put them. */
  function showGaps(person) {
    var list = document.getElementById("gaps");
    var name = nameOf(person);
    var sentences = SCI.gaps(data, person.result, spreads)
      .filter(function (entry) { return Math.round(Math.abs(entry.gap)) >= 1; })
      .slice(0, 3)
      .map(function (entry) {
        return SCI.fill(entry.gap > 0 ? data.ui.compare_gap_higher : data.ui.compare_gap_lower, {
          label: name,
          dimension: document.querySelector('tr[data-dimension="' + entry.id + '"] .name').textContent,
          gap: Math.round(Math.abs(entry.gap)),
          median: Math.round(spreads[entry.id].median)
        });
      });
    if (!sentences.length) sentences = [SCI.fill(data.ui.compare_no_gap, { label: name })];
    list.textContent = "";
    sentences.forEach(function (sentence) {
      var item = document.createElement("li");
      item.textContent = sentence;
      list.appendChild(item);
    });
  }

  /* The list as a text file, made here and handed to the browser's downloads. */
  function save() {
    var url = URL.createObjectURL(new Blob([SCI.decodeGroup(state()) + "\n"], { type: "text/plain" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = data.ui.compare_file_name;
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function openFile() {
    var file = document.getElementById("file").files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      lines.value = reader.result;
      compare(true);
    };
    reader.readAsText(file);
  }

  document.getElementById("compare").addEventListener("click", function () { compare(true); });
  document.getElementById("file").addEventListener("change", openFile);
  document.getElementById("save").addEventListener("click", save);
  chooser.addEventListener("change", showPerson);
  error.querySelector("a").addEventListener("click", function (event) {
    event.preventDefault();
    lines.focus();
  });
  // A fragment that names something in the page (the skip link's #main) is no list.
  if (location.hash.length > 1 && !document.getElementById(location.hash.slice(1))) {
    lines.value = SCI.decodeGroup(location.hash);
    compare(false);
  }
})();
