/* The floor's one script: one statement at a time, with progress and Next. */
(function () {
  "use strict";
  var form = document.getElementById("quiz");
  var fieldsets = form.querySelectorAll("fieldset");
  var progress = document.getElementById("progress");
  var next = document.getElementById("next");
  var position = 0;

  function show(index) {
    position = index;
    for (var i = 0; i < fieldsets.length; i += 1) fieldsets[i].hidden = i !== index;
    progress.textContent = "Statement " + (index + 1) + " of " + fieldsets.length;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!form.querySelector("#" + fieldsets[position].id + " input:checked")) return;
    if (position + 1 < fieldsets.length) {
      show(position + 1);
      fieldsets[position].focus();
    } else {
      form.hidden = true;
      document.getElementById("done").hidden = false;
    }
  });
  progress.hidden = false;
  next.hidden = false;
  show(0);
})();
