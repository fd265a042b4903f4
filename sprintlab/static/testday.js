// Keeps a test-day page current without a reload. Every few seconds it asks
// the page's JSON twin whether anything changed (sending the version it has)
// and swaps in the parts the server rendered: the notes and progress on the
// observe page, the grid and quotes on the grid page. Nothing typed in a form
// is touched. Without JavaScript the pages work as they are, with a link to
// refresh them.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-url]");
  if (!root || !window.fetch) {
    return;
  }
  document.documentElement.classList.add("live-js");
  var url = root.getAttribute("data-live-url");
  var version = root.getAttribute("data-live-version");
  var every = Math.max(1, Number(root.getAttribute("data-poll-seconds")) || 3) * 1000;
  var count = Number(root.getAttribute("data-live-count"));
  var status = document.getElementById("live-status");
  var failures = 0;
  var timer = null;

  function replace(parts, write) {
    Object.keys(parts || {}).forEach(function (id) {
      var element = document.getElementById(id);
      if (element) {
        write(element, parts[id]);
      }
    });
  }

  function apply(reply) {
    version = reply.version;
    // Our own templates, escaped on the server: safe to insert as HTML.
    replace(reply.html, function (element, html) {
      element.innerHTML = html;
    });
    replace(reply.text, function (element, text) {
      element.textContent = text;
    });
    if (typeof reply.count === "number") {
      if (status && reply.count > count) {
        var added = reply.count - count;
        status.textContent = added === 1 ? "1 new note." : added + " new notes.";
      }
      count = reply.count;
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    // After failures (a lost connection, an ended session) ask less often.
    timer = window.setTimeout(poll, every * Math.min(10, 1 + failures));
  }

  function poll() {
    if (document.hidden) {
      schedule();
      return;
    }
    fetch(url + "?since=" + encodeURIComponent(version), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (reply) {
        failures = 0;
        if (reply.changed) {
          apply(reply);
        }
        schedule();
      })
      .catch(function () {
        failures += 1;
        schedule();
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      poll();
    }
  });
  schedule();
})();
