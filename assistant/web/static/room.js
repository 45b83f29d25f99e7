/* The workshop room's pages, live: nothing here is needed to use them.
   - A live part ([data-src]) listens to the room's server-sent events and puts each new fragment in
     place (HTML rendered and escaped by the server, as the page itself). Without script the projector
     reloads itself (a refresh in <noscript>) and the other pages have a link to look again.
   - The tour steps with the arrow keys (and Page Up/Down, Home, End), as its links do. */
(function () {
  "use strict";
  var live = document.querySelector("[data-src]");
  if (live && typeof window.EventSource === "function") {
    var hints = document.querySelectorAll(".no-script-refresh");
    for (var i = 0; i < hints.length; i++) {
      hints[i].hidden = true;
    }
    var source = new window.EventSource(live.getAttribute("data-src"));
    source.onmessage = function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (!data || typeof data.html !== "string" || data.digest === live.getAttribute("data-digest")) {
        return;
      }
      var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : "";
      var template = document.createElement("template");
      template.innerHTML = data.html;
      live.replaceChildren(template.content);
      live.setAttribute("data-digest", data.digest);
      live.setAttribute("data-updated", String(Date.now()));
      if (focused && document.getElementById(focused)) {
        document.getElementById(focused).focus();
      }
    };
    source.addEventListener("gone", function () {
      source.close();
    });
  }
  var next = document.querySelector("a[rel=next]");
  var prev = document.querySelector("a[rel=prev]");
  if (document.body.classList.contains("page-tour")) {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      var to = null;
      if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") {
        to = next;
      } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
        to = prev;
      } else if (event.key === "Home" || event.key === "End") {
        var here = window.location.pathname.match(/^\/tour\/(\d+)$/);
        var last = document.querySelector("[data-total]");
        if (here && last) {
          var n = event.key === "Home" ? 1 : Number(last.getAttribute("data-total"));
          window.location.href = "/tour/" + n + window.location.search;
          event.preventDefault();
        }
        return;
      }
      if (to) {
        event.preventDefault();
        window.location.href = to.getAttribute("href");
      }
    });
  }
})();
