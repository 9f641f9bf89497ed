/* The team report, loaded by team.js when the reader first asks for a report: reads a
 * survey tool's export (CSV, TSV or XLSX), a pasted export or pasted result links, in
 * this browser, and shows the aggregated, anonymised report.
 * The arithmetic and the anonymity rule are teamreport.js's; this file reads files and
 * fills in the page. The file readers are loaded only when a file of their kind is
 * opened: Papa Parse for text, fflate to unzip an .xlsx (static/vendor/).
 */
(function () {
  "use strict";

  var SCI = window.SCI, Team = window.SCITeam;
  var data = SCI.readData(document);
  var ui = data.ui;
  var MAX_TEXT_MB = 50; // a CSV is streamed, so this bounds the time, not the memory
  var MAX_XLSX_MB = 20; // an .xlsx is unzipped and parsed whole
  var MAX_UNZIPPED = 400 * 1024 * 1024; // a zip bomb stops here
  var MAX_ROWS = 200000;
  var BATCH = 500; // rows or lines handled per task, so the page never freezes
  var TEXT_CHUNK = 64 * 1024; // characters handed to Papa Parse at a time
  var $ = function (id) { return document.getElementById(id); };
  var vendor = new URL("../vendor/", document.currentScript.src).href; // from any language's folder
  var loaded = {};
  var figures = null; // the last report as CSV rows, for the download
  var busy = false;

  // --- Loading the readers on demand -------------------------------------------------------

  function load(name, global) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = vendor + name;
        script.onload = function () { resolve(window[global]); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loaded[name];
  }

  /* Every language's words for matching (texts.json at the site's root, written by the build
     from sitebuild/languages.py), read once, before the first report, into data.languages,
     where teamreport.js's matcher looks: an export made in any of the site's languages then
     matches. Only a site in several languages has the file, and its pages link each other
     (hreflang); a one-language site, or a page that cannot fetch (opened from file://),
     matches the page's own words. */
  var languages = null, textsFile = new URL("../../texts.json", document.currentScript.src); // the root, from static/js/
  function everyLanguage() {
    if (!languages) {
      languages = !document.querySelector("link[rel=alternate][hreflang]") || location.protocol === "file:" ? Promise.resolve() :
        fetch(textsFile).then(function (response) { return response.json(); })
          .then(function (texts) { data.languages = texts; }, function () {});
    }
    return languages;
  }

  // --- Status -------------------------------------------------------------------------------

  /* Shown at most four times a second: each change lays the page out again, and with a
     pasted export of 100,000 lines in the text box that costs more than the reading. */
  var shownAt = 0;
  function progress(fraction) {
    var bar = $("team-progress"), now = Date.now();
    if (fraction !== null && fraction !== 0 && now - shownAt < 250) return;
    shownAt = now;
    bar.hidden = fraction === null;
    if (fraction === null) return;
    var percent = Math.min(100, Math.round(fraction * 100));
    bar.value = percent;
    $("team-status").textContent = SCI.fill(ui.team_progress, { percent: percent });
  }

  function fail(message) {
    busy = false;
    progress(null);
    $("team-status").textContent = "";
    $("team-error-text").textContent = message;
    $("team-error").hidden = false;
    $("team-error").focus();
  }

  // --- Reading text: Papa Parse over a decoded stream -------------------------------------

  /* The file as a stream of decoded text in pieces of TEXT_CHUNK characters, each handed
     over in its own task, in the shape Papa Parse reads (a Node-style readable). TextDecoder
     keeps characters split between two reads whole, drops the BOM, and reads UTF-16,
     as some Qualtrics TSV exports are, when the file starts with its BOM. */
  function textStream(file, onBytes) {
    var handlers = {}, stopped = false, done = 0;
    var reader = file.stream().getReader();
    var decoder = null, text = "";
    function emit(last) {
      if (stopped) return;
      if (text.length >= TEXT_CHUNK || (last && text)) {
        var piece = text;
        text = "";
        handlers.data(piece);
      }
      if (last && handlers.end) handlers.end();
      else setTimeout(pump, 0);
    }
    function pump() {
      if (stopped) return;
      reader.read().then(function (step) {
        if (step.done) { if (decoder) text += decoder.decode(); emit(true); return; }
        if (!decoder) {
          var b = step.value;
          var encoding = b[0] === 0xff && b[1] === 0xfe ? "utf-16le" : b[0] === 0xfe && b[1] === 0xff ? "utf-16be" : "utf-8";
          decoder = new TextDecoder(encoding);
        }
        done += step.value.length;
        onBytes(done);
        text += decoder.decode(step.value, { stream: true });
        emit(false);
      }, function (error) { if (handlers.error) handlers.error(error); });
    }
    var stream = {
      readable: true,
      read: function () {},
      on: function (name, handler) {
        handlers[name] = handler;
        if (name === "data") setTimeout(pump, 0);
        return stream;
      },
      removeListener: function (name) { delete handlers[name]; },
      pause: function () {},
      resume: function () {},
      stop: function () { stopped = true; reader.cancel(); }
    };
    return stream;
  }

  function readText(file) {
    return load("papaparse.min.js", "Papa").then(function (Papa) {
      var reader = Team.createReader(data);
      var header = [], headerCount = null, rows = 0, stopped = false;
      var stream = textStream(file, function (bytes) { progress(bytes / (file.size || 1)); });
      return new Promise(function (resolve, reject) {
        Papa.parse(stream, {
          skipEmptyLines: true,
          chunk: function (results, parser) {
            var list = results.data, i = 0;
            while (headerCount === null && i < list.length) {
              header.push(list[i]);
              i += 1;
              if (header.length === 3) { headerCount = reader.headerRowCount(header); reader.start(header.slice(0, headerCount)); header.slice(headerCount).forEach(function (row) { rows += 1; reader.add(row); }); }
            }
            for (; i < list.length; i += 1) {
              if (rows >= MAX_ROWS) { stopped = true; stream.stop(); parser.abort(); break; }
              rows += 1;
              reader.add(list[i]);
            }
          },
          complete: function () {
            if (headerCount === null && header.length) {
              headerCount = reader.headerRowCount(header);
              reader.start(header.slice(0, headerCount));
              header.slice(headerCount).forEach(function (row) { reader.add(row); });
            }
            var result = reader.result();
            result.stopped = stopped;
            resolve(result);
          },
          error: reject
        });
      });
    });
  }

  // --- Reading an .xlsx: fflate unzips, the browser's XML parser reads ----------------------

  function xml(files, name) {
    var bytes = files[name];
    return bytes ? new DOMParser().parseFromString(new TextDecoder().decode(bytes), "application/xml") : null;
  }

  /* "AB12" -> 27 (the column's index from 0). */
  function columnIndex(reference) {
    var letters = /^[A-Z]+/.exec(reference || "");
    if (!letters) return -1;
    var index = 0;
    for (var i = 0; i < letters[0].length; i += 1) index = index * 26 + letters[0].charCodeAt(i) - 64;
    return index - 1;
  }

  function cellText(cell, shared) {
    var type = cell.getAttribute("t");
    if (type === "inlineStr") return cell.textContent;
    var value = cell.getElementsByTagName("v")[0];
    var text = value ? value.textContent : "";
    return type === "s" ? shared[Number(text)] || "" : text;
  }

  function readXlsx(file) {
    return Promise.all([load("fflate.min.js", "fflate"), file.arrayBuffer()]).then(function (loadedParts) {
      var fflate = loadedParts[0], total = 0;
      var files = fflate.unzipSync(new Uint8Array(loadedParts[1]), {
        filter: function (entry) {
          total += entry.originalSize;
          if (total > MAX_UNZIPPED) throw new Error("too big");
          return /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/.test(entry.name);
        }
      });
      // The first sheet, as the workbook lists it.
      var workbook = xml(files, "xl/workbook.xml"), rels = xml(files, "xl/_rels/workbook.xml.rels");
      var sheetPath = null;
      if (workbook && rels) {
        var first = workbook.getElementsByTagName("sheet")[0];
        var id = first && first.getAttribute("r:id");
        Array.prototype.forEach.call(rels.getElementsByTagName("Relationship"), function (rel) {
          if (rel.getAttribute("Id") === id) sheetPath = rel.getAttribute("Target").replace(/^\/?(xl\/)?/, "xl/");
        });
      }
      var sheet = xml(files, sheetPath || "xl/worksheets/sheet1.xml");
      if (!sheet) throw new Error("no sheet");
      var strings = xml(files, "xl/sharedStrings.xml");
      var shared = strings ? Array.prototype.map.call(strings.getElementsByTagName("si"), function (si) {
        // A rich-text string is several runs; phonetic hints (rPh) are not part of it.
        return Array.prototype.filter.call(si.getElementsByTagName("t"), function (t) { return t.parentNode.nodeName !== "rPh"; })
          .map(function (t) { return t.textContent; }).join("");
      }) : [];
      var rowElements = sheet.getElementsByTagName("row");
      var reader = Team.createReader(data);
      var header = [], headerCount = null, index = 0, stopped = false;
      function rowValues(row) {
        var values = [];
        Array.prototype.forEach.call(row.getElementsByTagName("c"), function (cell) {
          var at = columnIndex(cell.getAttribute("r"));
          values[at < 0 ? values.length : at] = cellText(cell, shared);
        });
        for (var i = 0; i < values.length; i += 1) if (values[i] === undefined) values[i] = "";
        return values;
      }
      return new Promise(function (resolve) {
        function batch() {
          var end = Math.min(rowElements.length, index + BATCH);
          for (; index < end; index += 1) {
            var values = rowValues(rowElements[index]);
            if (headerCount === null) {
              header.push(values);
              if (header.length === 3 || index === rowElements.length - 1) {
                headerCount = reader.headerRowCount(header);
                reader.start(header.slice(0, headerCount));
                header.slice(headerCount).forEach(reader.add);
              }
            } else if (index > MAX_ROWS + 3) { stopped = true; index = rowElements.length; }
            else reader.add(values);
          }
          progress(index / (rowElements.length || 1));
          if (index < rowElements.length) setTimeout(batch, 0);
          else { var result = reader.result(); result.stopped = stopped; resolve(result); }
        }
        batch();
      });
    });
  }

  // --- Reading result links -------------------------------------------------------------------

  function readLinks(text) {
    var lines = text.split(/\r\n|\r|\n/), index = 0;
    var reader = Team.createReader(data);
    return new Promise(function (resolve) {
      function batch() {
        var people = [];
        var end = Math.min(lines.length, index + BATCH, MAX_ROWS);
        for (; index < end; index += 1) {
          var read = SCI.readLine(data, lines[index]);
          if (read && read.answers) people.push(read);
        }
        reader.addPeople(people);
        progress(index / lines.length);
        if (index < Math.min(lines.length, MAX_ROWS)) setTimeout(batch, 0);
        else { var result = reader.result(); result.stopped = lines.length > MAX_ROWS; result.links = true; resolve(result); }
      }
      batch();
    });
  }

  /* Links, when the first line with anything on it ends in a result code. */
  function looksLikeLinks(text) {
    var first = /^\s*(\S[^\r\n]*)/.exec(text);
    return !!first && /(^|[#\s,;:])\d+\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\s*$/.test(first[1].slice(0, 2000));
  }

  // --- Making the report ---------------------------------------------------------------------

  function start() {
    if (busy) return;
    var file = $("team-file").files[0], text = $("team-paste").value;
    $("team-error").hidden = true;
    $("team-report").hidden = true;
    var reading;
    if (file) {
      var xlsx = /\.xlsx$/i.test(file.name);
      var limit = xlsx ? MAX_XLSX_MB : MAX_TEXT_MB;
      if (file.size > limit * 1024 * 1024) return fail(SCI.fill(ui.team_too_big, { limit: limit }));
      reading = xlsx ? readXlsx.bind(null, file) : readText.bind(null, file);
    } else if (text.trim()) {
      if (text.length > MAX_TEXT_MB * 1024 * 1024) return fail(SCI.fill(ui.team_too_big, { limit: MAX_TEXT_MB }));
      reading = looksLikeLinks(text) ? readLinks.bind(null, text) : readText.bind(null, new File([text], "pasted.csv"));
    } else {
      return fail(ui.team_empty);
    }
    busy = true;
    progress(0);
    everyLanguage().then(reading).then(function (result) {
      if (!result.count || (!result.links && !result.statementColumns)) return fail(ui.team_no_statements);
      // Counting, then drawing, each in a task of its own, so neither adds to the last read.
      setTimeout(function () {
        var report = Team.summarise(data, result.tally);
        setTimeout(function () {
          busy = false;
          progress(null);
          $("team-status").textContent = "";
          show(result, report);
        }, 0);
      }, 0);
    }, function () { fail(ui.team_unreadable); });
  }

  // --- Showing it -------------------------------------------------------------------------------

  function element(name, text, className) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /* A name from questions.yaml or from the file: text only, isolated from its sentence. */
  function named(text) {
    return element("bdi", text);
  }

  /* A name inside a sentence, isolated (FSI ... PDI) so that a right-to-left name cannot
     reorder the words around it. */
  function isolated(text) {
    return "\u2068" + text + "\u2069";
  }

  function round(value) {
    return value === null || value === undefined ? null : Math.round(value);
  }

  function groupName(index) {
    return index < data.roles.length ? data.roles[index].label : ui.team_role_missing;
  }

  /* The groups a table lists: everyone, the roles, and "role not given" if anyone is in it. */
  function groupsOf(row) {
    var list = [{ name: ui.team_everyone, cell: row.everyone, everyone: true }];
    row.groups.forEach(function (cell, g) {
      if (g < data.roles.length || cell.rated || cell.hidden) list.push({ name: groupName(g), cell: cell, group: g });
    });
    return list;
  }

  function table(caption, headings, rows) {
    var node = element("table", null, "team");
    if (caption) node.appendChild(element("caption", caption));
    var head = node.createTHead().insertRow();
    headings.forEach(function (heading) { var th = element("th", heading); th.scope = "col"; head.appendChild(th); });
    var body = node.createTBody();
    rows.forEach(function (cells) {
      var tr = body.insertRow();
      cells.forEach(function (cell, i) {
        var td = element(i ? "td" : "th");
        if (!i) td.scope = "row";
        if (cell && cell.nodeType) td.appendChild(cell);
        else td.textContent = cell === null ? "" : typeof cell === "number" ? SCI.number(cell) : cell;
        tr.appendChild(td);
      });
    });
    return node;
  }

  function range(low, high) {
    return SCI.fill(ui.compare_range, { low: round(low), high: round(high) });
  }

  function show(result, report) {
    // The download: one figure a line (section, dimension or statement, role, figure, value).
    var csv = [[ui.team_section_column, ui.dimension_column, ui.team_role_column, ui.team_measure_column, ui.team_value_column]];
    $("team-count").textContent = SCI.fill(ui.team_count, { count: report.people });
    var notices = [];
    if (result.stopped) notices.push(SCI.fill(ui.team_too_many_rows, { limit: MAX_ROWS }));
    if (!result.links && !result.roleColumn) notices.push(ui.team_no_role);
    $("team-notices").textContent = notices.join(" ");
    $("team-notices").hidden = !notices.length;

    // Dimension by dimension, each role's spread.
    var holder = $("team-dimensions");
    holder.textContent = "";
    report.dimensions.forEach(function (row) {
      var name = data.dimensionNames[row.id];
      var rows = groupsOf(row).map(function (entry) {
        var cell = entry.cell;
        if (cell.hidden || !cell.spread) {
          return [named(entry.name), cell.hidden ? ui.team_hidden : cell.rated, null, null, null];
        }
        var s = cell.spread;
        [[ui.team_count_column, cell.rated], [ui.compare_median_column, round(s.median)],
          [ui.compare_quartiles_column, range(s.q1, s.q3)], [ui.compare_range_column, range(s.min, s.max)]]
          .forEach(function (figure) { csv.push([ui.dimension_column, name, entry.name, figure[0], figure[1]]); });
        return [named(entry.name), cell.rated, round(s.median), range(s.q1, s.q3), range(s.min, s.max)];
      });
      var node = table(SCI.fill(ui.team_dimension_role, { dimension: name }),
        [ui.team_role_column, ui.team_count_column, ui.compare_median_column, ui.compare_quartiles_column, ui.compare_range_column], rows);
      node.dataset.dimension = row.id;
      holder.appendChild(node);
    });

    // The top against the field.
    var top = report.executive >= 0 ? groupName(report.executive) : "";
    var field = report.frontline >= 0 ? groupName(report.frontline) : "";
    var words = { executive: isolated(top), frontline: isolated(field) };
    $("team-gap-intro").textContent = SCI.fill(ui.team_gap_intro, words);
    var gaps = $("team-gaps");
    gaps.textContent = "";
    report.dimensions.forEach(function (row) {
      var name = data.dimensionNames[row.id], gap = round(row.gap), sentence;
      words.dimension = isolated(name);
      words.gap = Math.abs(gap);
      if (row.gap === null) sentence = SCI.fill(ui.team_gap_hidden, words);
      else if (Math.abs(gap) < 1) sentence = SCI.fill(ui.team_gap_none, words);
      else sentence = SCI.fill(gap < 0 ? ui.team_gap_lower : ui.team_gap_higher, words);
      if (row.gap !== null) csv.push([ui.team_gap_title, name, field, ui.team_gap_column, gap]);
      gaps.appendChild(element("li", sentence));
    });
    var statementRows = report.statements.map(function (row, index) {
      var own = row.groups;
      var cells = [named(data.texts[row.id])];
      [report.executive, report.frontline].forEach(function (g) {
        cells.push(g < 0 ? null : own[g].hidden ? ui.team_hidden : round(own[g].score));
      });
      cells.push(round(row.gap));
      if (row.gap !== null) csv.push([ui.team_gap_title, data.statements[index].dimension + "." + row.id, field, ui.team_gap_column, round(row.gap)]);
      return cells;
    });
    $("team-statements").textContent = "";
    $("team-statements").appendChild(table(null, [ui.team_statement_column, top, field, ui.team_gap_column], statementRows));

    // Blind spots: the "not sure" share per role and dimension.
    var blindRows = groupsOf(report.dimensions[0]).map(function (entry) {
      return [named(entry.name)].concat(report.dimensions.map(function (row) {
        var cell = entry.everyone ? row.everyone : row.groups[entry.group];
        if (cell.hidden) return ui.team_hidden;
        if (cell.notSure === null) return "";
        // The file keeps "45%", which spreadsheets read as a number in any language; the page writes it the page's way.
        csv.push([ui.team_blind_title, data.dimensionNames[row.id], entry.name, ui.team_value_column, round(cell.notSure) + "%"]);
        return SCI.number(round(cell.notSure) / 100, { style: "percent" });
      }));
    });
    $("team-blind").textContent = "";
    $("team-blind").appendChild(table(null, [ui.team_role_column].concat(data.dimensions.map(function (id) { return data.dimensionNames[id]; })), blindRows));

    // What was left out, with counts only: no row of the file is shown.
    var left = result.unmatched.map(function (entry) {
      return [named(entry.column), entry.value === null ? ui.team_whole_column : named(entry.value), entry.rows === null ? "" : entry.rows];
    });
    $("team-unmatched").hidden = !left.length;
    $("team-unmatched-table").textContent = "";
    if (left.length) $("team-unmatched-table").appendChild(table(null, [ui.team_column_column, ui.team_value_column, ui.team_rows_column], left));

    figures = csv;
    $("team-report").hidden = false;
  }

  function download() {
    if (!figures) return;
    var url = URL.createObjectURL(new Blob(["\ufeff" + Team.toCsv(figures)], { type: "text/csv" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = ui.team_csv_file_name;
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  $("team-read").addEventListener("click", start);
  window.SCITeamPage = { start: start };
  $("team-csv").addEventListener("click", download);
  $("team-print").addEventListener("click", function () { window.print(); });
  $("team-error").querySelector("a").addEventListener("click", function (event) {
    event.preventDefault();
    $("team-file").focus();
  });
})();
