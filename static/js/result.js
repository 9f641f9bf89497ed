/* The result page: scores the answers (from the link's #code, or else the ones saved
 * on this device) with indicator.js and shows what applies. Every word shown is
 * already in the page or in data.ui; this file only picks, fills in and unhides.
 */
(function () {
  "use strict";

  var SCI = window.SCI;
  var data = SCI.readData(document);
  var memory = SCI.openProgress(data); // saved answers on this device

  function answersToShow() {
    if (location.hash.length > 1) {
      var linked = SCI.decodeAnswers(data, location.hash);
      if (linked.answers) return linked.answers;
    }
    return SCI.cleanAnswers(data, memory.load().answers);
  }

  function rounded(value) {
    return value === null ? null : Math.round(value);
  }

  /* A bar and a number in one table cell; a dimension without ratings says so. */
  function showScore(cell, value) {
    var bar = cell.querySelector(".bar > span");
    var shown = rounded(value);
    cell.querySelector(".value").textContent = shown === null ? data.ui.not_enough_answers : shown;
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

  function showDimensions(result) {
    var reference = SCI.score(data, data.reference);
    data.dimensions.forEach(function (id) {
      var row = document.querySelector('tr[data-dimension="' + id + '"]');
      showScore(row.querySelector(".you"), result.dimensions[id].score);
      showScore(row.querySelector(".reference"), reference.dimensions[id].score);
    });
  }

  function showAdvice(result) {
    var list = document.getElementById("advice-list");
    var ids = SCI.weakest(data, result.dimensions, 2);
    document.getElementById("weakest").hidden = ids.length === 0;
    ids.forEach(function (id) {
      var value = result.dimensions[id].score;
      var article = list.querySelector('[data-advice="' + id + '"]');
      article.querySelector(".value").textContent = SCI.fill(data.ui.score_out_of, { score: rounded(value) });
      article.querySelector('[data-level="' + SCI.adviceLevel(data.adviceLevels, rounded(value)) + '"]').hidden = false;
      article.hidden = false;
      list.appendChild(article); // weakest first
    });
  }

  function startAgain() {
    memory.clear();
    location.href = "quiz.html";
  }

  var answers = answersToShow();
  Array.prototype.forEach.call(document.querySelectorAll("[data-start-again]"), function (button) {
    button.addEventListener("click", startAgain);
  });
  if (!Object.keys(answers).length) {
    document.getElementById("result-empty").hidden = false;
    return;
  }
  var result = SCI.score(data, answers);
  showOverall(result);
  showDimensions(result);
  showAdvice(result);
  document.getElementById("result").hidden = false;
})();
