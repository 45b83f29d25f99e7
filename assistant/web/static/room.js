/* The workshop room's pages, live: nothing here is needed to use them.
   - A live part ([data-src]) listens to the room's server-sent events and puts each new fragment in
     place (HTML rendered and escaped by the server, as the page itself). Without script the projector
     reloads itself (a refresh in <noscript>) and the other pages have a link to look again. When the
     server refuses the stream (it has too many open), the live part is fetched with the page now and
     then instead.
   - The tour steps with the arrow keys (and Page Up/Down, Home, End), as its links do. */
(function () {
  "use strict";
  var live = document.querySelector("[data-src]");
  var POLL_MS = 5000;
  var POLLS_BEFORE_LISTENING = 12;
  function put(html, digest) {
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
  function poll(n) {
    live.setAttribute("data-polling", "yes");
    window.setTimeout(function () {
      if (n >= POLLS_BEFORE_LISTENING) {
        listen();
        return;
      }
      window.fetch(window.location.href, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
        return response.ok ? response.text() : "";
      }).then(function (text) {
        var fresh = text ? new window.DOMParser().parseFromString(text, "text/html").querySelector("[data-src]") : null;
        if (fresh) {
          put(fresh.innerHTML, fresh.getAttribute("data-digest"));
        }
        poll(n + 1);
      }, function () {
        poll(n + 1);
      });
    }, POLL_MS);
  }
  function listen() {
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
        put(data.html, data.digest);
      }
    };
    source.addEventListener("gone", function () {
      source.close();
    });
    source.onerror = function () {
      if (source.readyState === window.EventSource.CLOSED) {  /* refused: EventSource does not try again */
        source.close();
        poll(0);
      }
    };
  }
  if (live && typeof window.EventSource === "function") {
    var hints = document.querySelectorAll(".no-script-refresh");
    for (var i = 0; i < hints.length; i++) {
      hints[i].hidden = true;
    }
    listen();
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
