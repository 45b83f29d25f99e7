/* A little help on top of pages that work without it: nothing here is needed to answer.
   - An error summary takes the focus, so it is read out and the person starts from it.
   - On a single-choice question, choosing with the mouse or a finger goes on at once (a hint
     says so). Choosing with the keyboard does not: arrow keys move between the options, and
     Enter or the button goes on, as without script. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  var form = document.querySelector("form.question-form.single");
  if (!form || typeof form.requestSubmit !== "function") {
    return;
  }
  var hints = form.querySelectorAll(".js-only");
  for (var i = 0; i < hints.length; i++) {
    hints[i].hidden = false;
  }
  var pointer = 0;
  form.addEventListener("pointerdown", function () { pointer = Date.now(); });
  form.addEventListener("keydown", function () { pointer = 0; });
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.type === "radio" && Date.now() - pointer < 1500) {
      pointer = 0;
      window.setTimeout(function () { form.requestSubmit(); }, 150);
    }
  });
})();
