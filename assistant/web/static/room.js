/* The workshop room's pages, live: nothing here is needed to use them.
   - Each live part ([data-src], with an id: the projector's, the trainer's and a group's page, and the
     line on every page of a group in a room, which says at once that a quiz round waits) listens to
     the room's server-sent events and puts each new fragment in place (HTML rendered and escaped by
     the server, as the page itself). Without script the projector reloads itself (a refresh in
     <noscript>), a group's line says so on the next page, and the other pages have a link to look
     again. When the
     server refuses the stream (it has too many open), the live part is fetched with the page now and
     then instead.
   - The tour steps with the arrow keys (and Page Up/Down, Home, End), as its links do. */
(function () {
  "use strict";
  if (window.samarbeidRoom) {  /* a page that loads the script twice (a group's line and the page's own) */
    return;
  }
  window.samarbeidRoom = true;
  var POLL_MS = 5000;
  var POLLS_BEFORE_LISTENING = 12;
  function put(live, html, digest) {
    if (typeof html !== "string" || digest === live.getAttribute("data-digest")) {
      return;
    }
    var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : "";
    var template = document.createElement("template");
    template.innerHTML = html;
    live.replaceChildren(template.content);
    live.setAttribute("data-digest", digest);
    live.setAttribute("data-updated", String(Date.now()));
    if (focused && document.getElementById(focused)) {
      document.getElementById(focused).focus();
    }
  }
  /* The server refused the stream (too many open: 429 or 503) or it could not be opened: the live part
     is fetched again with the page every few seconds instead, and after a minute the stream is tried
     again. */
  function poll(live, n) {
    live.setAttribute("data-polling", "yes");
    window.setTimeout(function () {
      if (n >= POLLS_BEFORE_LISTENING) {
        listen(live);
        return;
      }
      window.fetch(window.location.href, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
        return response.ok ? response.text() : "";
      }).then(function (text) {
        var fresh = text ? new window.DOMParser().parseFromString(text, "text/html").getElementById(live.id) : null;
        if (fresh && fresh.hasAttribute("data-src")) {
          put(live, fresh.innerHTML, fresh.getAttribute("data-digest"));
        }
        poll(live, n + 1);
      }, function () {
        poll(live, n + 1);
      });
    }, POLL_MS);
  }
  function listen(live) {
    live.removeAttribute("data-polling");
    var source = new window.EventSource(live.getAttribute("data-src"));
    source.onmessage = function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (data) {
        put(live, data.html, data.digest);
      }
    };
    source.addEventListener("gone", function () {
      source.close();
    });
    source.onerror = function () {
      if (source.readyState === window.EventSource.CLOSED) {  /* refused: EventSource does not try again */
        source.close();
        poll(live, 0);
      }
    };
  }
  var parts = document.querySelectorAll("[data-src]");
  if (parts.length && typeof window.EventSource === "function") {
    var hints = document.querySelectorAll(".no-script-refresh");
    for (var i = 0; i < hints.length; i++) {
      hints[i].hidden = true;
    }
    for (var j = 0; j < parts.length; j++) {
      listen(parts[j]);
    }
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
