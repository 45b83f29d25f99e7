/* A little help on top of pages that work without it: nothing here is needed to answer.
   - An error summary takes the focus, so it is read out and the person starts from it.
   - On a single-choice question, choosing with the mouse or a finger goes on at once (a hint
     says so). Choosing with the keyboard does not: arrow keys move between the options, and
     Enter or the button goes on, as without script.
   - On the result, a link of the contents opens the folded part it leads to (a browser that does
     not open it by itself), and printing prints every part open but the appendix, unless it was
     opened; after printing the parts are folded as they were. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  if (document.querySelector("details.part")) {
    openParts();
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

  function openParts() {
    function openTarget() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      var part = target && target.closest("details.part");
      if (part && !part.open) {
        part.open = true;
        target.scrollIntoView();
      }
    }
    openTarget();
    window.addEventListener("hashchange", openTarget);
    document.addEventListener("click", function (event) {  // the same link again: no hashchange
      var link = event.target && event.target.closest && event.target.closest("a[href^='#section-']");
      if (link && link.getAttribute("href") === window.location.hash) {
        window.setTimeout(openTarget, 0);
      }
    });
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var parts = document.querySelectorAll("details.part:not([open]):not(.appendix)");
      for (var i = 0; i < parts.length; i++) {
        parts[i].open = true;
        opened.push(parts[i]);
      }
    });
    window.addEventListener("afterprint", function () {
      while (opened.length) {
        opened.pop().open = false;
      }
    });
  }
})();
