/* The result page: scores the answers (from the link's #code, or else the ones saved
 * on this device) with indicator.js and shows what applies. Every word shown is
 * already in the page or in data.ui; this file only picks, fills in and unhides.
 *
 * A link that holds other answers than the saved ones is someone else's result: it is
 * shown as shared, and this page then never writes or clears the saved answers. A link
 * that cannot be read shows why, and no result at all.
 */
(function () {
  "use strict";

  var SCI = window.SCI;
  var data = SCI.readData(document);
  var memory = SCI.openProgress(data); // saved answers on this device
  var kept = SCI.openHistory(data); // earlier results on this device, with their dates

  /* A #fragment that names something in the page (the skip link's #main) is not a link
     to a result. */
  function linkedCode() {
    var code = location.hash.slice(1);
    return code && !document.getElementById(code) ? code : "";
  }

  /* {answers, shared} to show, or {error} for a link that cannot be read. */
  function whatToShow() {
    var own = SCI.cleanAnswers(data, memory.load().answers);
    if (!linkedCode()) return { answers: own, shared: false };
    var linked = SCI.decodeAnswers(data, linkedCode());
    if (linked.error) return linked;
    var code = SCI.encodeAnswers(data, linked.answers);
    return { answers: linked.answers, shared: code !== SCI.encodeAnswers(data, own) && !SCI.isOwn(data, code) };
  }

  function rounded(value) {
    return value === null ? null : Math.round(value);
  }

  /* A bar and a number in one table cell; a dimension without ratings says so. */
  function showScore(cell, value) {
    var bar = cell.querySelector(".bar > span");
    var shown = rounded(value);
    cell.querySelector(".value").textContent = shown === null ? data.ui.not_enough_answers : SCI.number(shown);
    cell.dataset.score = shown === null ? "" : shown;
    // CSSOM, not a style attribute: the page's CSP allows the one and blocks the other.
    bar.style.inlineSize = (shown || 0) + "%";
  }

  function showOverall(result) {
    var marker = document.getElementById("spectrum-marker");
    var scoreText = document.getElementById("overall-score");
    var root = document.getElementById("result");
    root.dataset.score = result.overall === null ? "" : result.overall;
    root.dataset.band = result.band === null ? "" : result.band;
    if (result.overall === null) {
      scoreText.hidden = true;
      document.getElementById("spectrum").hidden = true;
      var note = document.getElementById("not-enough");
      note.textContent = SCI.fill(data.ui.not_enough_overall, {
        answered: result.rated, total: result.total, needed: data.minRated
      });
      note.hidden = false;
      return;
    }
    scoreText.textContent = SCI.fill(data.ui.score_out_of, { score: result.overall });
    marker.style.insetInlineStart = result.overall + "%";
    marker.hidden = false;
    document.querySelector('.band[data-band="' + result.band + '"]').hidden = false;
  }

  function row(id) {
    return document.querySelector('tr[data-dimension="' + id + '"]');
  }

  function nameOf(id) {
    return row(id).querySelector("th").firstChild.textContent.trim();
  }

  /* The reader's scores beside every reference profile's (answers in statement order),
     and the gap between the first two. */
  function showDimensions(result) {
    var profiles = data.reference.map(function (values) {
      var answers = {};
      data.statements.forEach(function (statement, index) { answers[statement.id] = values[index]; });
      return SCI.score(data, answers).dimensions;
    });
    data.dimensions.forEach(function (id) {
      var cells = row(id).querySelectorAll("td");
      showScore(cells[0], result.dimensions[id].score);
      profiles.forEach(function (profile, index) { showScore(cells[index + 1], profile[id].score); });
      if (cells[3]) cells[3].textContent = SCI.number(rounded(profiles[0][id].score) - rounded(profiles[1][id].score));
    });
  }

  /* Under each dimension, every statement with the reader's answer and which way it
     counted; per dimension, how many the reader could not answer (blind spots). */
  function showStatements(answers, result) {
    var says = { "for": data.ui.counted_for, against: data.ui.counted_against, neutral: data.ui.counted_neutral, none: data.ui.counted_none };
    data.statements.forEach(function (statement) {
      var value = answers[statement.id], way = SCI.direction(data, statement, value);
      var slot = document.querySelector('[data-statement="' + statement.id + '"] span');
      slot.textContent = SCI.fill(data.ui.answer_counted, {
        answer: value === SCI.NOT_SURE ? data.scale.notSure : value ? data.scale.labels[value - 1] : data.ui.not_answered,
        way: says[way]
      });
    });
    data.dimensions.forEach(function (id) {
      var unsure = result.dimensions[id].unsure, item = document.querySelector('[data-blind="' + id + '"]');
      item.hidden = !unsure;
      item.querySelector("span").textContent = SCI.fill(data.ui.blind_count, { count: unsure, total: result.dimensions[id].total });
      if (unsure) document.getElementById("blind").hidden = false;
    });
  }

  /* The weakest-link rule at work: which dimension holds the verdict down, and (once
     advice.html is read, see readAdvice) the moment of the story it failed in. */
  function showHeldDown(result, advice) {
    var id = result.heldBy;
    if (id === null) return;
    document.getElementById("held-note").textContent = SCI.fill(data.ui.weakest_link, {
      dimension: nameOf(id),
      score: rounded(result.dimensions[id].score),
      floor: data.floor,
      band: document.querySelector('.band[data-band="' + data.cap + '"] .band-title').textContent
    });
    var link = document.getElementById("held-moment");
    if (advice) {
      var from = advice.getElementById(id).querySelector(":scope > p a");
      link.href = from.getAttribute("href");
      link.textContent = from.textContent;
    }
    link.parentNode.hidden = !advice;
    document.getElementById("held").hidden = false;
  }

  /* This result joins the ones kept on this device; the change since the one before is
     shown, and a button forgets them all. */
  function showHistory(answers, result) {
    var note = document.getElementById("history-note"), forget = document.getElementById("forget");
    document.getElementById("history").hidden = false;
    if (!kept.available) {
      note.textContent = data.ui.history_unavailable;
      forget.hidden = true;
      return;
    }
    var before = kept.record(answers, new Date().toISOString().slice(0, 10));
    var earlier = before && SCI.decodeAnswers(data, String(before.code)).answers;
    note.textContent = data.ui.history_first;
    if (earlier && /^\d{4}-\d\d-\d\d$/.test(before.date)) {
      note.textContent = SCI.fill(data.ui.history_since, {
        date: SCI.date(new Date(before.date + "T12:00")) // noon: that day in any time zone
      });
      earlier = SCI.score(data, earlier).dimensions;
      data.dimensions.forEach(function (id) {
        var now = rounded(result.dimensions[id].score), then = rounded(earlier[id].score);
        if (now === null || then === null) return;
        var item = document.createElement("li");
        item.textContent = SCI.fill(data.ui.history_change, { dimension: nameOf(id), change: SCI.number(now - then, { signDisplay: "exceptZero" }), before: then, after: now });
        document.getElementById("history-changes").appendChild(item);
      });
    }
    forget.addEventListener("click", function () {
      kept.forget();
      memory.clear();
      note.textContent = data.ui.history_forgotten;
      document.getElementById("history-changes").textContent = "";
      forget.hidden = true;
    });
  }

  /* advice.html, the page that holds every dimension's advice (kept out of this one so that
     it stays within one round trip), as a document, or null where it cannot be read (a site
     opened from a file: a page on disk reads no other file). Read whole, whatever the
     scores: its address tells a server nothing. */
  function readAdvice(then) {
    if (location.protocol === "file:") return then(null);
    fetch("advice.html").then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      return new DOMParser().parseFromString(html, "text/html");
    }, function () {
      return null;
    }).then(then);
  }

  /* The weakest dimensions' advice at their level, each name linked to all its advice. */
  function showAdvice(result, advice) {
    SCI.weakest(data, result.dimensions, 2).forEach(function (id) {
      var value = rounded(result.dimensions[id].score);
      var article = document.createElement("article"), heading = document.createElement("h3");
      var link = document.createElement("a"), score = document.createElement("span");
      var source = advice && advice.getElementById(id);
      article.className = "advice";
      article.setAttribute("aria-labelledby", "advice-" + id);
      heading.id = "advice-" + id;
      link.href = "advice.html#" + id;
      link.textContent = nameOf(id);
      score.className = "value";
      score.textContent = SCI.fill(data.ui.score_out_of, { score: value });
      heading.append(link, " ", score);
      article.appendChild(heading);
      if (source) {
        var level = source.querySelector('[data-level="' + SCI.adviceLevel(data.adviceLevels, value) + '"]');
        level.removeChild(level.querySelector("h3"));
        article.append.apply(article, Array.prototype.map.call(level.children, function (child) { return document.importNode(child, true); }));
        article.appendChild(document.importNode(source.querySelector(":scope > p"), true));
      }
      document.getElementById("advice-list").appendChild(article); // weakest first
    });
  }

  function showShared() {
    var title = document.getElementById("result-title");
    document.title = document.title.replace(title.textContent, title.dataset.shared);
    // Words that speak to the reader ("Your result", "You") say whose result it is instead.
    Array.prototype.forEach.call(document.querySelectorAll("[data-shared]"), function (element) {
      element.textContent = element.dataset.shared;
    });
    document.getElementById("shared-note").hidden = false;
    document.getElementById("own-actions").hidden = true; // "Start again" would clear the reader's own answers
  }

  /* The link to this result, in the share box and on paper under the date it is printed. */
  function showLink(answers) {
    var url = location.href.split("#")[0] + "#" + SCI.encodeAnswers(data, answers);
    SCI.offerLink(document.getElementById("share"), { copied: data.ui.copied, manual: data.ui.copy_manual })(url);
    function dateLine() {
      document.getElementById("report-line").textContent = SCI.fill(data.ui.report_line, { date: SCI.date(new Date()), link: url });
    }
    dateLine();
    window.addEventListener("beforeprint", dateLine); // printed tomorrow, dated tomorrow
  }

  function startAgain() {
    memory.clear();
    location.href = "quiz.html";
  }

  // Another link pasted into the address bar changes only the fragment: read it afresh.
  var shownCode = linkedCode();
  // The language switcher takes the #code along (a new code reloads the page, so once is enough).
  if (shownCode) SCI.carryFragment(shownCode);
  window.addEventListener("hashchange", function () {
    if (linkedCode() && linkedCode() !== shownCode) location.reload();
  });

  var shown = whatToShow();
  if (shown.error) {
    document.getElementById("link-problem").hidden = false;
    document.querySelector('[data-problem="' + shown.error + '"]').hidden = false;
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-start-again]"), function (button) {
    button.addEventListener("click", startAgain);
  });
  if (!Object.keys(shown.answers).length) {
    document.getElementById("result-empty").hidden = false;
    return;
  }
  var result = SCI.score(data, shown.answers);
  if (shown.shared) showShared();
  showOverall(result);
  showDimensions(result);
  showStatements(shown.answers, result);
  document.getElementById("weakest").hidden = !SCI.weakest(data, result.dimensions, 2).length;
  showHeldDown(result, null);
  readAdvice(function (advice) {
    showAdvice(result, advice);
    showHeldDown(result, advice);
  });
  // Without storage a reader's own result arrives as a link too: say why there is no history.
  if (!shown.shared || !kept.available) showHistory(shown.answers, result);
  showLink(shown.answers);
  document.getElementById("result").hidden = false;
})();
