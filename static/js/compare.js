/* The compare page: reads result links or codes, one per line, and sets one person's
 * scores against the group's median and spread, dimension by dimension, with the
 * largest gaps in words. The group's model is group.js; this only fills in the page.
 * Nothing leaves the browser: a picked file is read here, and the list is kept in the
 * page's own #fragment.
 */
(function () {
  "use strict";

  var SCI = window.SCI;
  var data = SCI.readData(document);
  var lines = document.getElementById("lines");
  var chooser = document.getElementById("person");
  var error = document.getElementById("compare-error");
  var errorText = document.getElementById("compare-error-text");
  var reading = document.getElementById("reading");
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

  /* An input past SCI.LIMITS is said so, in the error summary, and not read. */
  function refuse(message, moveFocus) {
    group = { people: [], problems: [] };
    showProblems();
    errorText.textContent = message;
    error.hidden = false;
    document.getElementById("comparison").hidden = true;
    if (moveFocus) error.focus();
  }

  function megabytes(count) {
    return SCI.number(count / 1000000, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  function compare(moveFocus) {
    if (lines.value.length > SCI.LIMITS.text) {
      refuse(SCI.fill(data.ui.compare_too_large, { size: megabytes(lines.value.length), limit: megabytes(SCI.LIMITS.text) }), moveFocus);
      return;
    }
    group = SCI.readGroup(data, lines.value);
    if (group.tooMany) {
      refuse(SCI.fill(data.ui.compare_too_many, { count: group.tooMany, limit: SCI.LIMITS.lines }), moveFocus);
      return;
    }
    showProblems();
    errorText.textContent = data.ui.compare_empty;
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
    // The address holds the list, so a reload or a bookmark comes back to it; a list
    // longer than a link this page opens is kept as a file instead.
    var fragment = state();
    var linkable = fragment.length < SCI.LIMITS.fragment;
    history.replaceState(null, "", linkable ? "#" + fragment : location.pathname);
    SCI.carryFragment(linkable ? fragment : "");
    setLink(linkable ? location.href : "");
    document.querySelector("#keep [data-status]").textContent = linkable ? "" : data.ui.compare_keep_too_long;
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
      options.appendChild(new Option(isolated(nameOf(person)), index)); // an option holds no <bdi>
      if (chosen < 0 && person.label.toLowerCase() === wanted) chosen = index;
    });
    chooser.textContent = "";
    chooser.appendChild(options);
    chooser.value = Math.max(chosen, 0);
  }

  /* Sets one figure in a cell: its text, and the rounded number in data-<name> for tests. */
  function put(cell, name, value) {
    cell.dataset[name] = value === null ? "" : Math.round(value);
    return value === null ? data.ui.not_enough_answers : SCI.number(Math.round(value));
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

  /* A name in text where no element can isolate it: between U+2068 and U+2069. */
  function isolated(name) {
    return "\u2068" + name + "\u2069";
  }

  /* A UI string filled in as nodes: its {label} in a <bdi>, so that a name written
     right to left, or with a stray direction mark, cannot reorder the sentence. */
  function fillIsolated(template, values) {
    var parts = template.split(/\{(label)\}/);
    var fragment = document.createDocumentFragment();
    parts.forEach(function (part, index) {
      if (index % 2) {
        var name = document.createElement("bdi");
        name.textContent = values.label;
        fragment.appendChild(name);
      } else {
        fragment.appendChild(document.createTextNode(SCI.fill(part, values)));
      }
    });
    return fragment;
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
        return fillIsolated(entry.gap > 0 ? data.ui.compare_gap_higher : data.ui.compare_gap_lower, {
          label: name,
          dimension: document.querySelector('tr[data-dimension="' + entry.id + '"] .name').textContent,
          gap: Math.round(Math.abs(entry.gap)),
          median: Math.round(spreads[entry.id].median)
        });
      });
    if (!sentences.length) sentences = [fillIsolated(data.ui.compare_no_gap, { label: name })];
    list.textContent = "";
    sentences.forEach(function (sentence) {
      var item = document.createElement("li");
      item.appendChild(sentence);
      list.appendChild(item);
    });
  }

  /* The list as a text file, made here and handed to the browser's downloads: the
     lines of SCI.lineOf, each name isolated and kept from reading as a formula. */
  function save() {
    var url = URL.createObjectURL(new Blob([SCI.decodeGroup(state()) + "\n"], { type: "text/plain" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = data.ui.compare_file_name;
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* A picked file, read a slice at a time with its progress shown, so a large one
     never holds the page; one past SCI.LIMITS.text is not read at all. */
  function openFile() {
    var file = document.getElementById("file").files[0];
    if (!file) return;
    if (file.size > SCI.LIMITS.text) {
      refuse(SCI.fill(data.ui.compare_too_large, { size: megabytes(file.size), limit: megabytes(SCI.LIMITS.text) }), true);
      return;
    }
    var decoder = new TextDecoder();
    var text = [];
    var offset = 0;
    var slice = 262144;
    reading.max = Math.max(file.size, 1);
    reading.value = 0;
    reading.hidden = file.size <= slice;
    function next() {
      if (offset >= file.size) {
        text.push(decoder.decode());
        reading.hidden = true;
        lines.value = text.join("");
        compare(true);
        return;
      }
      file.slice(offset, offset + slice).arrayBuffer().then(function (buffer) {
        offset += slice;
        text.push(decoder.decode(buffer, { stream: true }));
        reading.value = Math.min(offset, file.size);
        next();
      }, function () {
        reading.hidden = true;
        refuse(data.ui.compare_file_unreadable, true);
      });
    }
    next();
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
  // A link past SCI.LIMITS.fragment is not opened: whoever sent it cannot freeze the tab.
  if (location.hash.length > SCI.LIMITS.fragment) {
    refuse(SCI.fill(data.ui.compare_link_too_large, { limit: SCI.LIMITS.fragment }), false);
  } else if (location.hash.length > 1 && !document.getElementById(location.hash.slice(1))) {
    lines.value = SCI.decodeGroup(location.hash);
    compare(false);
  }
})();
