/* The team report's model: pure functions from the rows of a survey export (arrays of
 * cell strings, as Papa Parse or the XLSX reader give them) to aggregated, anonymised
 * figures. No DOM and no words of its own (those are in data.ui), so Node's test runner
 * checks it (tests/js/teamreport.test.js).
 *
 * Codes are those of the survey kits (sitebuild/kits.py): a statement is
 * "<dimension>.<statement>" (LimeSurvey: both without hyphens, as "dimension[statement]");
 * an answer is its number on the scale, or a label, numbered ("5 - Strongly agree") or
 * not; "not sure" is 99 or its label; the role question is "role" and a role its number
 * from 1, its id or its label.
 */
(function (root) {
  "use strict";

  var NOT_SURE_CODE = "99";
  var MISSING = 255; // no answer, in a respondent's Uint8Array of answers
  var MAX_UNMATCHED = 200; // distinct left-out (column, answer) pairs listed; the rest are counted
  var MAX_CELL = 2000; // characters of a cell looked at; an answer or heading is never longer

  // --- Matching wording ----------------------------------------------------------------

  /* Text as compared: Unicode-normalised, lower case, without quotes, numbering such as
     "3." or "Q3)" in front, final punctuation and repeated spaces. */
  function normalise(text) {
    return String(text).slice(0, MAX_CELL).normalize("NFKC").toLowerCase()
      .replace(/["'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a*]/g, "")
      .replace(/\s+/g, " ").trim()
      .replace(/^(q(uestion)?\s*)?\d+\s*[.):\-]\s*(?=\D)/, "")
      .replace(/[\s.:;?!]+$/, "");
  }

  /* Letters and digits only: how a code is compared ("customer-voice.cv-route",
     "customervoice[cvroute]" and "CustomerVoice_CVRoute" are all one). */
  function codeKey(text) {
    return String(text).slice(0, MAX_CELL).toLowerCase().replace(/[^a-z0-9]/g, "");
  }

  /* The ways one heading may name a statement: whole; the part in its last brackets
     (Google Forms "Question [Statement]", LimeSurvey "Q[SQ]"); after its last " - "
     (Qualtrics "Question - Statement"); after its last "/" (KoboToolbox groups). */
  function headingParts(heading) {
    var text = String(heading).slice(0, MAX_CELL);
    var parts = [text];
    var bracket = /\[([^\[\]]*)\]\s*$/.exec(text);
    if (bracket) parts.push(bracket[1]);
    var dash = text.lastIndexOf(" - ");
    if (dash >= 0) parts.push(text.slice(dash + 3));
    var slash = text.lastIndexOf("/");
    if (slash >= 0) parts.push(text.slice(slash + 1));
    return parts;
  }

  /* Looks up statements, roles and answers by code or wording. Wording is the page's own
     and, where data.languages holds texts.json (sitebuild/languages.py), that of every
     language of the site, so an export made in any of them matches. Codes and numbers are
     taken first, then the page's own words, then the other languages' where not taken:
     where two languages word things alike, the page's own meaning wins. */
  function makeMatcher(data) {
    var statements = {}, roleQuestion = {}, values = {}, roles = {};
    var perDimension = {};
    var languages = data.languages || {};
    data.statements.forEach(function (statement, index) {
      var dimension = statement.dimension;
      perDimension[dimension] = (perDimension[dimension] || 0) + 1;
      statements["c:" + codeKey(dimension + statement.id)] = index;
      // Qualtrics' numeric export tag of the kit's matrix rows: "<dimension>_<row>"
      statements["c:" + codeKey(dimension) + "_" + perDimension[dimension]] = index;
    });
    roleQuestion["c:role"] = true;
    data.scale.labels.forEach(function (label, index) { values[String(index + 1)] = index + 1; });
    if (data.scale.notSure) values[NOT_SURE_CODE] = 0; // without "not sure", 99 is as any other stray answer
    data.roles.forEach(function (role, index) {
      roles[normalise(String(index + 1))] = index;
      roles[normalise(role.id)] = index;
    });

    function add(table, key, value) {
      if (!Object.prototype.hasOwnProperty.call(table, key)) table[key] = value;
    }
    // First round the page's own words, then every language's.
    [false, true].forEach(function (others) {
      function each(own, translated, name) {
        (others ? translated || [] : [own]).forEach(name);
      }
      data.statements.forEach(function (statement, index) {
        each(data.texts[statement.id], (languages.statements || {})[statement.id], function (text) { add(statements, "t:" + normalise(text), index); });
      });
      each(data.ui.team_kit_role_question, languages.roleQuestion, function (text) { add(roleQuestion, "t:" + normalise(text), true); });
      data.scale.labels.forEach(function (label, index) {
        each(label, (languages.labels || [])[index], function (word) {
          add(values, normalise(word), index + 1);
          add(values, normalise(index + 1 + " - " + word), index + 1);
        });
      });
      if (data.scale.notSure) each(data.scale.notSure, languages.notSure, function (word) { add(values, normalise(word), 0); });
      data.roles.forEach(function (role, index) {
        each(role.label, (languages.roles || {})[role.id], function (word) {
          add(roles, normalise(word), index);
          add(roles, normalise(index + 1 + " - " + word), index);
        });
      });
    });

    function lookup(table, heading) {
      var parts = headingParts(heading);
      for (var i = 0; i < parts.length; i += 1) {
        var code = codeKey(parts[i]);
        var qualtrics = /^(.*?)_(\d+)$/.exec(String(parts[i]).trim());
        if (qualtrics && Object.prototype.hasOwnProperty.call(table, "c:" + codeKey(qualtrics[1]) + "_" + qualtrics[2])) {
          return table["c:" + codeKey(qualtrics[1]) + "_" + qualtrics[2]];
        }
        if (code && Object.prototype.hasOwnProperty.call(table, "c:" + code)) return table["c:" + code];
        var text = normalise(parts[i]);
        if (text && Object.prototype.hasOwnProperty.call(table, "t:" + text)) return table["t:" + text];
      }
      return undefined;
    }

    /* A lookup remembered per cell text: exports repeat a handful of answers thousands of
       times, and normalising each again would dominate the reading. */
    function remembered(lookupCell) {
      var seen = new Map();
      return function (cell) {
        var key = String(cell);
        if (seen.has(key)) return seen.get(key);
        var found = lookupCell(key);
        if (seen.size < 5000) seen.set(key, found);
        return found;
      };
    }

    return {
      /* {kind: "statement", index} | {kind: "role"} | null for one column's headings. */
      column: function (headings) {
        for (var i = 0; i < headings.length; i += 1) {
          if (!String(headings[i]).trim()) continue;
          var found = lookup(statements, headings[i]);
          if (found !== undefined) return { kind: "statement", index: found };
          if (lookup(roleQuestion, headings[i])) return { kind: "role" };
        }
        return null;
      },
      /* 1..n on the scale, 0 for not sure, null for blank, undefined when unknown. */
      value: remembered(function (cell) {
        var text = normalise(cell);
        if (!text) return null;
        return Object.prototype.hasOwnProperty.call(values, text) ? values[text] : undefined;
      }),
      /* The role's index, null for blank, undefined when unknown. */
      role: remembered(function (cell) {
        var text = normalise(cell);
        if (!text) return null;
        return Object.prototype.hasOwnProperty.call(roles, text) ? roles[text] : undefined;
      })
    };
  }

  // --- Reading an export ------------------------------------------------------------------

  /* How many of the first rows are headings: 3 for Qualtrics (its third row holds
     {"ImportId":...}), 2 where the second row names more statements than the first
     (SurveyMonkey), else 1. */
  function headerRowCount(matcher, rows) {
    if (rows.length >= 3 && rows[2].some(function (cell) { return /^\{\s*"?ImportId/i.test(String(cell).trim()); })) return 3;
    if (rows.length < 2) return 1;
    function named(row) {
      return row.filter(function (cell) { var c = matcher.column([cell]); return c && c.kind === "statement"; }).length;
    }
    return named(rows[1]) > named(rows[0]) ? 2 : 1;
  }

  /* [{kind, index} | null] per column from the heading rows. SurveyMonkey writes a
     question's title in its first column only, so a blank first-row heading takes the
     one to its left. */
  function mapColumns(matcher, headerRows) {
    var width = headerRows.reduce(function (most, row) { return Math.max(most, row.length); }, 0);
    var columns = [], taken = {}, roleTaken = false, carried = "";
    for (var c = 0; c < width; c += 1) {
      var first = headerRows[0][c] === undefined ? "" : String(headerRows[0][c]);
      if (first.trim()) carried = first;
      var headings = headerRows.length === 1 ? [first] : headerRows.slice(1).map(function (row) { return row[c] === undefined ? "" : row[c]; }).concat([first, carried]);
      var found = matcher.column(headings);
      // A statement or the role read twice would count one person twice: the first column wins.
      if (found && found.kind === "statement" && taken[found.index]) found = null;
      if (found && found.kind === "role" && roleTaken) found = null;
      if (found && found.kind === "statement") taken[found.index] = true;
      if (found && found.kind === "role") roleTaken = true;
      columns.push(found);
    }
    return columns;
  }

  /* One respondent: role index (-1 for none), answers by statement (MISSING where not
     answered) and dimension scores (NaN where none), worked out as each row is read, so
     the report at the end only counts. The scores are indicator.js's, as on the result page. */
  function person(data, role, answers) {
    var own = {};
    data.statements.forEach(function (statement, index) {
      if (answers[index] !== MISSING) own[statement.id] = answers[index];
    });
    var scores = root.SCI.dimensionScores(data, own);
    return {
      role: role,
      answers: answers,
      scores: Float64Array.from(data.dimensions, function (id) { return scores[id].score === null ? NaN : scores[id].score; })
    };
  }

  /* Collects respondents from rows: start(headerRows) once, then add(row) for each data
     row, then result(). Left-out columns and answers are counted, never guessed. */
  function createReader(data) {
    var matcher = makeMatcher(data);
    var count = data.statements.length;
    var columns = null, headings = [];
    var tally = createTally(data);
    var unmatched = new Map(), unmatchedMore = 0;

    function leftOut(column, value) {
      var key = column + "\u0000" + value;
      if (unmatched.has(key)) unmatched.get(key).rows += 1;
      else if (unmatched.size < MAX_UNMATCHED) unmatched.set(key, { column: column, value: value, rows: 1 });
      else unmatchedMore += 1;
    }

    return {
      matcher: matcher,
      headerRowCount: function (rows) { return headerRowCount(matcher, rows); },
      start: function (headerRows) {
        columns = mapColumns(matcher, headerRows);
        // A column is named by its last heading, leaving out Qualtrics' {"ImportId":...} row.
        headings = columns.map(function (found, c) {
          var names = headerRows.map(function (row) { return row[c] === undefined ? "" : String(row[c]).trim(); })
            .filter(function (name) { return name && !/^\{\s*"?ImportId/i.test(name); });
          return (names[names.length - 1] || "").slice(0, 200);
        });
      },
      columns: function () { return columns; },
      add: function (row) {
        if (!row.some(function (cell) { return String(cell).trim(); })) return; // a blank line
        var answers = new Uint8Array(count).fill(MISSING), role = -1, any = false;
        for (var c = 0; c < columns.length; c += 1) {
          var found = columns[c];
          if (!found) continue;
          var cell = row[c] === undefined ? "" : String(row[c]);
          if (found.kind === "role") {
            var r = matcher.role(cell);
            if (r === undefined) leftOut(headings[c], cell.trim().slice(0, 200));
            else if (r !== null) role = r;
          } else {
            var v = matcher.value(cell);
            if (v === undefined) leftOut(headings[c], cell.trim().slice(0, 200));
            else if (v !== null) { answers[found.index] = v; any = true; }
          }
        }
        if (any) tally.add(person(data, role, answers));
      },
      /* Adds people read from result links: [{label, answers}] as SCI.readGroup gives. */
      addPeople: function (list) {
        list.forEach(function (linked) {
          var answers = new Uint8Array(count).fill(MISSING);
          data.statements.forEach(function (statement, index) {
            if (Object.prototype.hasOwnProperty.call(linked.answers, statement.id)) answers[index] = linked.answers[statement.id];
          });
          var role = linked.label ? matcher.role(linked.label) : null;
          // A link's "column" is its role: the name before it.
          if (role === undefined) { leftOut(data.ui.team_role_column, linked.label.slice(0, 200)); role = null; }
          tally.add(person(data, role === null ? -1 : role, answers));
        });
      },
      result: function () {
        var list = [];
        (columns || []).forEach(function (found, c) {
          if (!found && headings[c]) list.push({ column: headings[c], value: null, rows: null });
        });
        unmatched.forEach(function (entry) { list.push(entry); });
        return {
          count: tally.count(),
          tally: tally,
          statementColumns: (columns || []).filter(function (f) { return f && f.kind === "statement"; }).length,
          roleColumn: (columns || []).some(function (f) { return f && f.kind === "role"; }),
          unmatched: list,
          unmatchedMore: unmatchedMore
        };
      }
    };
  }

  // --- Anonymity -------------------------------------------------------------------------

  /* Which groups to hide, given how many of each group rated (0 for a group with nobody):
     every group under `min`, then, while what is hidden could be worked out from
     everyone minus the shown groups (a single group, or fewer than `min` people
     together), the next-smallest shown group too (complementary suppression). Returns
     [null | "small" | "complement"] per group. */
  function suppress(counts, min) {
    var reasons = counts.map(function (n) { return n > 0 && n < min ? "small" : null; });
    var total = counts.reduce(function (a, b) { return a + b; }, 0);
    if (total < min) return counts.map(function (n) { return n > 0 ? "small" : null; });
    function hidden() {
      var groups = 0, people = 0;
      counts.forEach(function (n, i) { if (reasons[i] && n > 0) { groups += 1; people += n; } });
      return { groups: groups, people: people };
    }
    var state = hidden();
    while (state.groups > 0 && (state.groups < 2 || state.people < min)) {
      var next = -1;
      counts.forEach(function (n, i) {
        if (!reasons[i] && n > 0 && (next < 0 || n < counts[next])) next = i;
      });
      if (next < 0) break;
      reasons[next] = "complement";
      state = hidden();
    }
    return reasons;
  }

  // --- The report --------------------------------------------------------------------------

  /* group.js's spread figures, sorted as a Float64Array: its native numeric sort is many times
     faster than a comparator over 100,000 scores. */
  function spreadOf(values) {
    if (!values.length) return null;
    var sorted = Float64Array.from(values).sort(), q = root.SCI.quantile;
    return { min: sorted[0], q1: q(sorted, 0.25), median: q(sorted, 0.5), q3: q(sorted, 0.75), max: sorted[sorted.length - 1] };
  }

  /* The counts the report needs, kept as people are read, so that neither the people
     nor a long pass over them at the end is needed: per statement and group the rated
     answers, the "not sure" ones and the sum of counted values; per dimension and group
     each person's score. Groups are the roles in file order, then "role not given". */
  function createTally(data) {
    var groupCount = data.roles.length + 1, statements = data.statements, people = 0;
    var perStatement = statements.map(function () {
      return { rated: new Array(groupCount).fill(0), notSure: new Array(groupCount).fill(0), sum: new Array(groupCount).fill(0) };
    });
    var dimensionValues = data.dimensions.map(function () {
      var lists = [];
      for (var g = 0; g < groupCount; g += 1) lists.push([]);
      return lists;
    });
    return {
      groupCount: groupCount,
      perStatement: perStatement,
      dimensionValues: dimensionValues,
      count: function () { return people; },
      add: function (one) {
        if (!one.scores) one = person(data, one.role, one.answers);
        var g = one.role < 0 ? groupCount - 1 : one.role;
        people += 1;
        for (var index = 0; index < statements.length; index += 1) {
          var value = one.answers[index];
          if (value === MISSING) continue;
          var entry = perStatement[index];
          if (value === 0) entry.notSure[g] += 1;
          else { entry.rated[g] += 1; entry.sum[g] += root.SCI.counted(statements[index], value, data.points); }
        }
        for (var d = 0; d < dimensionValues.length; d += 1) {
          if (!isNaN(one.scores[d])) dimensionValues[d][g].push(one.scores[d]);
        }
      }
    };
  }

  /* Everything the page shows and saves, suppressed, from a tally (or a list of people,
     as {role, answers}). Per dimension and group: {rated, hidden, spread, notSure}; per
     statement and group: {rated, hidden, score}; everyone the same; gaps between the
     executive and the frontline role where both are shown. */
  function summarise(data, input) {
    var tally = input.perStatement ? input : createTally(data);
    if (tally !== input) input.forEach(tally.add);
    var min = data.minGroupSize;
    var groupCount = tally.groupCount;
    var points = data.scale.labels.length;
    var statements = data.statements;
    var perStatement = tally.perStatement;
    var dimensionValues = {};
    data.dimensions.forEach(function (id, d) { dimensionValues[id] = tally.dimensionValues[d]; });

    function everyone(list) { return list.reduce(function (a, b) { return a + b; }, 0); }
    var toScore = function (mean) { return (mean - 1) * 100 / (points - 1); };

    var statementRows = statements.map(function (statement, index) {
      var entry = perStatement[index];
      var reasons = suppress(entry.rated, min);
      var total = everyone(entry.rated);
      var groups = entry.rated.map(function (n, g) {
        return { rated: n, hidden: reasons[g], score: !reasons[g] && n ? toScore(entry.sum[g] / n) : null };
      });
      return {
        id: statement.id,
        everyone: { rated: total, hidden: total < min ? "small" : null, score: total >= min ? toScore(everyone(entry.sum) / total) : null },
        groups: groups
      };
    });

    var dimensionRows = data.dimensions.map(function (id) {
      var indexes = [];
      statements.forEach(function (statement, index) { if (statement.dimension === id) indexes.push(index); });
      // A group counts as its fewest raters on any statement of the dimension.
      var counts = [];
      for (var g = 0; g < groupCount; g += 1) {
        counts.push(Math.min.apply(null, indexes.map(function (i) { return perStatement[i].rated[g]; })));
      }
      var reasons = suppress(counts, min);
      var totalRated = Math.min.apply(null, indexes.map(function (i) { return everyone(perStatement[i].rated); }));
      function notSureShare(gs) {
        var sure = 0, unsure = 0;
        indexes.forEach(function (i) {
          gs.forEach(function (g) { sure += perStatement[i].rated[g]; unsure += perStatement[i].notSure[g]; });
        });
        return sure + unsure ? unsure * 100 / (sure + unsure) : null;
      }
      var all = [];
      dimensionValues[id].forEach(function (list) { all = all.concat(list); });
      var allGroups = counts.map(function (n, g) { return g; });
      return {
        id: id,
        everyone: totalRated >= min
          ? { rated: totalRated, hidden: null, spread: spreadOf(all), notSure: notSureShare(allGroups) }
          : { rated: totalRated, hidden: "small", spread: null, notSure: null },
        groups: counts.map(function (n, g) {
          var shown = !reasons[g] && n > 0;
          return { rated: n, hidden: reasons[g], spread: shown ? spreadOf(dimensionValues[id][g]) : null, notSure: shown ? notSureShare([g]) : null };
        })
      };
    });

    var executive = -1, frontline = -1;
    data.roles.forEach(function (role, index) {
      if (role.view === "executive") executive = index;
      if (role.view === "frontline") frontline = index;
    });
    function gap(top, field) {
      return top !== null && field !== null && top !== undefined && field !== undefined ? field - top : null;
    }
    return {
      people: tally.count(),
      groupCount: groupCount,
      executive: executive,
      frontline: frontline,
      dimensions: dimensionRows.map(function (row) {
        var top = executive >= 0 && row.groups[executive].spread, field = frontline >= 0 && row.groups[frontline].spread;
        row.gap = top && field ? gap(top.median, field.median) : null;
        return row;
      }),
      statements: statementRows.map(function (row) {
        row.gap = executive >= 0 && frontline >= 0 ? gap(row.groups[executive].score, row.groups[frontline].score) : null;
        return row;
      })
    };
  }

  // --- Saving ------------------------------------------------------------------------------

  /* A cell a spreadsheet cannot run: text it would take for a formula (group.js's
     SCI.FORMULA, the compare page's rule) gets a leading apostrophe (OWASP's advice on
     CSV injection). Numbers stay. */
  function neutralise(value) {
    if (typeof value === "number") return value;
    var text = String(value === null || value === undefined ? "" : value);
    return root.SCI.FORMULA.test(text) ? "'" + text : text;
  }

  /* Rows as CSV (RFC 4180: quoted where needed, CRLF), every cell neutralised first. */
  function toCsv(rows) {
    return rows.map(function (row) {
      return row.map(function (value) {
        var text = String(neutralise(value));
        return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  var api = {
    NOT_SURE_CODE: NOT_SURE_CODE,
    normalise: normalise,
    codeKey: codeKey,
    makeMatcher: makeMatcher,
    person: person,
    headerRowCount: headerRowCount,
    createReader: createReader,
    createTally: createTally,
    suppress: suppress,
    summarise: summarise,
    neutralise: neutralise,
    toCsv: toCsv
  };
  root.SCITeam = api;
})(this);
