/* The quiz page: turns the plain form of every statement into one statement at a
 * time, with progress, back and next, keyboard answering, a review step and saved
 * progress. Scoring is not done here; see indicator.js.
 */
(function () {
  "use strict";

  var SCI = window.SCI;
  var data = SCI.readData(document);
  // Saved answers on this device, opened by restore(): a page's first touch of localStorage
  // waits on the browser (from 2 to 300 ms on a busy machine), so it comes after the first
  // paint, which quiz.css has already drawn as a new reader sees it.
  var memory = null;

  var form = document.getElementById("quiz");
  var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset"));
  var total = fieldsets.length;
  var review = document.getElementById("review");
  var progress = document.getElementById("progress");
  var progressBar = document.getElementById("progress-bar");
  var nextButton = document.getElementById("next");
  var backButton = document.getElementById("back");
  var errorSummary = document.getElementById("error-summary");
  var errorLink = document.getElementById("error-link");

  // The statement the progress line and bar stand at: the first, as the page comes. Written
  // again only when that changes, so a new reader's first restore() needs no number
  // formatted, and no first touch of Intl (15 to 100 ms, see indicator.js) just after the
  // first paint.
  var progressShows = 0;

  var LONG_REVIEW = 24; // statements; past this the review folds its complete groups
  var state = {
    answers: {}, // filled from the saved ones by restore()
    position: 0, // 0..total-1 a statement, total the review
    returning: false // changing one answer from the review: Next goes back there
  };

  function clampPosition(value) {
    return typeof value === "number" && value >= 0 && value <= total ? Math.floor(value) : 0;
  }

  function save() {
    if (memory) memory.save({ answers: state.answers, position: state.position });
  }

  /* Takes over from quiz.css: the saved answers and place (with no answer kept, the first
     statement), the notes about them, then one statement at a time. Runs once, after the
     first paint or before the first thing the reader does, whichever comes first. */
  function restore() {
    if (memory) return;
    memory = SCI.openProgress(data);
    var saved = memory.load();
    state.answers = SCI.cleanAnswers(data, saved.answers);
    var resumed = Object.keys(state.answers).length > 0;
    fieldsets.forEach(function (fieldset) {
      Array.prototype.forEach.call(fieldset.querySelectorAll("input"), function (radio) {
        radio.checked = state.answers[radio.name] === Number(radio.value);
      });
    });
    document.getElementById("storage-note").hidden = memory.available;
    var position = resumed ? clampPosition(saved.position) : 0;
    if (resumed) {
      var note = document.getElementById("resumed-note");
      note.textContent = SCI.fill(data.ui.resumed, { current: Math.min(position + 1, total), total: total });
      note.hidden = false;
    }
    form.dataset.stepping = ""; // from here each statement's hidden says which one shows (quiz.css)
    show(position, false);
  }

  /* An event handler that first makes sure the saved answers are in. */
  function restored(handler) {
    return function (event) {
      restore();
      handler(event);
    };
  }

  // --- Showing a step ------------------------------------------------------------------

  function show(position, moveFocus) {
    state.position = position;
    hideError();
    var reviewing = position === total;
    form.hidden = reviewing;
    review.hidden = !reviewing;
    fieldsets.forEach(function (fieldset, index) { fieldset.hidden = index !== position; });
    if (reviewing) {
      fillReview();
    } else {
      if (position !== progressShows) {
        progress.textContent = SCI.fill(data.ui.progress, { current: position + 1, total: total });
        progressBar.value = position + 1;
        progressShows = position;
      }
      backButton.hidden = position === 0 && !state.returning;
      nextButton.textContent = state.returning ? nextButton.dataset.return : nextButton.dataset.next;
    }
    save();
    if (moveFocus) (reviewing ? document.getElementById("review-title") : fieldsets[position]).focus();
  }

  function fillReview() {
    var firstOpen = -1;
    data.statements.forEach(function (statement, index) {
      var value = state.answers[statement.id];
      var label = value === undefined ? data.ui.not_answered
        : value === SCI.NOT_SURE ? data.scale.notSure : data.scale.labels[value - 1];
      review.querySelector('[data-answer="' + statement.id + '"]').textContent = label;
      if (value === undefined && firstOpen < 0) firstOpen = index;
    });
    var jump = document.getElementById("first-unanswered");
    jump.hidden = firstOpen < 0;
    if (firstOpen >= 0) {
      jump.textContent = SCI.fill(data.ui.review_first_unanswered, { number: firstOpen + 1 });
      jump.dataset.position = firstOpen;
      jump.href = "#q-" + data.statements[firstOpen].id;
    }
    fillGroups();
    var code = SCI.encodeAnswers(data, state.answers);
    Array.prototype.forEach.call(review.querySelectorAll("[data-see-result]"), function (link) {
      link.href = "result.html#" + code;
    });
    SCI.markOwn(data, code); // the result page knows them as the reader's even if storage failed
  }

  /* Each dimension's count of answers. A long review starts folded, a list of headings
     and counts a thumb can scroll; the link at the top leads to the first open statement. */
  function fillGroups() {
    Array.prototype.forEach.call(review.querySelectorAll(".review-group"), function (group) {
      var cells = group.querySelectorAll("[data-answer]");
      var answered = Array.prototype.filter.call(cells, function (cell) {
        return state.answers[cell.dataset.answer] !== undefined;
      }).length;
      group.querySelector("summary").textContent = SCI.fill(data.ui.review_group_count, { answered: answered, total: cells.length });
      group.querySelector("details").open = total <= LONG_REVIEW;
    });
  }

  function next() {
    var statement = data.statements[state.position];
    if (state.answers[statement.id] === undefined) return showError(statement);
    var target = state.returning ? total : state.position + 1;
    state.returning = false;
    show(target, true);
  }

  function back() {
    var target = state.returning ? total : state.position - 1;
    state.returning = false;
    show(Math.max(target, 0), true);
  }

  // --- Errors, as the GOV.UK pattern does them: a summary that links to the field ---------

  function showError(statement) {
    var fieldset = fieldsets[state.position];
    var message = document.getElementById(statement.id + "-error");
    message.hidden = false;
    fieldset.classList.add("has-error");
    fieldset.setAttribute("aria-describedby", message.id);
    errorLink.href = "#" + statement.id + "-1";
    errorSummary.hidden = false;
    errorSummary.focus();
  }

  function hideError() {
    errorSummary.hidden = true;
    fieldsets.forEach(function (fieldset) {
      fieldset.classList.remove("has-error");
      fieldset.removeAttribute("aria-describedby");
      fieldset.querySelector(".error-message").hidden = true;
    });
  }

  // --- Answering -------------------------------------------------------------------------

  function choose(value) {
    var statement = data.statements[state.position];
    var radio = document.getElementById(statement.id + "-" + value);
    radio.checked = true;
    radio.focus();
    record(radio);
  }

  function record(radio) {
    state.answers[radio.name] = Number(radio.value);
    hideError();
    save();
  }

  function startAgain() {
    memory.clear();
    state.answers = {};
    state.returning = false;
    form.reset();
    document.getElementById("resumed-note").hidden = true;
    show(0, true);
  }

  /* The answer a key stands for, or null: the digit it types, or else the digit printed
     on the key in a US layout (event.code), so that on AZERTY, where the top row types
     & é " ' ( - è without Shift, the same keys still answer 1 to 7. Only keys that type
     a character: a number pad with Num Lock off sends Home, End and arrows, kept for those. */
  function keyedAnswer(event) {
    var typed = /^[0-9]$/.test(event.key) ? event.key : null;
    var physical = String(event.key).length === 1 && /^(?:Digit|Numpad)([0-9])$/.exec(event.code || "");
    var value = Number(typed !== null ? typed : physical ? physical[1] : NaN);
    if (value === SCI.NOT_SURE) return data.offersNotSure ? value : null;
    return value >= 1 && value <= data.points ? value : null;
  }

  function onKey(event) {
    if (state.position === total || event.altKey || event.ctrlKey || event.metaKey) return;
    var value = keyedAnswer(event);
    if (value !== null) {
      event.preventDefault();
      choose(value);
    } else if (event.key === "Enter" && event.target.type === "radio") {
      event.preventDefault(); // one step, whatever the browser does with Enter on a radio
      next();
    } else if (/^Arrow/.test(event.key) && event.target.tagName === "FIELDSET") {
      // From the statement itself into its choices; arrows then move between them natively.
      event.preventDefault();
      (event.target.querySelector("input:checked") || event.target.querySelector("input")).focus();
    }
  }

  // --- Wiring ------------------------------------------------------------------------------

  var terms = review.querySelectorAll("dt[data-number]");
  Array.prototype.forEach.call(terms, function (term) {
    // each text is in the page once: the review's terms are copied from the legends
    term.textContent = fieldsets[term.dataset.number - 1].querySelector("legend").textContent;
  });
  form.addEventListener("change", function (event) {
    if (event.target.type !== "radio") return;
    restore(); // (which sets every radio from the saved answers: this one stays the reader's choice)
    event.target.checked = true;
    record(event.target);
  });
  form.addEventListener("submit", restored(function (event) { event.preventDefault(); next(); }));
  backButton.addEventListener("click", restored(back));
  document.addEventListener("keydown", restored(onKey));
  errorLink.addEventListener("click", restored(function (event) {
    event.preventDefault();
    document.getElementById(errorLink.hash.slice(1)).focus();
  }));
  review.addEventListener("click", restored(function (event) {
    var link = event.target.closest("[data-change], #first-unanswered");
    if (!link) return;
    event.preventDefault();
    state.returning = true;
    show(Number(link.dataset.change || link.dataset.position), true);
  }));
  Array.prototype.forEach.call(document.querySelectorAll("[data-start-again]"), function (button) {
    button.addEventListener("click", restored(startAgain));
  });

  // After the first frame is on screen. A timer set from the first animation frame runs as
  // soon as the main thread has painted it, while its tiles are still being rastered on
  // other threads: restore's 20 to 120 ms on this busy 2-core machine at 1x CPU (most of it
  // the first touch of Intl, now skipped for a new reader: progressShows) took the CPU from
  // that raster and held the first statement back from the screen. Chromium starts the next
  // animation frame only once the first is rastered, so a timer set from it waits for that.
  requestAnimationFrame(function () {
    requestAnimationFrame(function () { setTimeout(restore, 0); });
  });
})();
