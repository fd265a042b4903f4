/* A dashboard still being computed reloads itself every few seconds until
   it is ready. The dashboard's fieldwork refreshes by itself: every 30
   seconds (data-refresh-seconds) the page asks the server for that part again
   and puts it in place (the CSP allows scripts from this site only, so this is
   a file, never inline). A button pauses it (WCAG 2.2.2); a hidden tab does
   not ask. Without JavaScript, reload. */
(function () {
  "use strict";
  // "Still computing": look again in a moment.
  var waiting = document.querySelector("[data-reload-seconds]");
  if (waiting) {
    window.setTimeout(function () { window.location.reload(); },
      1000 * Number(waiting.getAttribute("data-reload-seconds")));
  }
}());

(function () {
  "use strict";
  var box = document.querySelector("[data-refresh]");
  if (!box || !window.fetch) { return; }
  var every = 1000 * (Number(box.getAttribute("data-refresh-seconds")) || 30);
  var paused = false;
  var timer = null;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "link-button live-controls";
  button.setAttribute("aria-pressed", "false");
  button.textContent = "Pause live updates";
  box.parentNode.insertBefore(button, box);

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, every);
  }

  function show(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    box.replaceChildren.apply(box, Array.prototype.slice.call(parsed.body.childNodes));
  }

  function refresh() {
    if (paused || document.hidden) { schedule(); return; }
    window.fetch(box.getAttribute("data-refresh"), { credentials: "same-origin" })
      .then(function (reply) {
        if (reply.redirected || !reply.ok) { throw new Error(String(reply.status)); }
        return reply.text();
      })
      .then(show)
      .catch(function () { /* keep the last counts; ask again later */ })
      .then(schedule);
  }

  button.addEventListener("click", function () {
    paused = !paused;
    button.setAttribute("aria-pressed", String(paused));
    button.textContent = paused ? "Resume live updates" : "Pause live updates";
    if (!paused) { refresh(); }
  });
  schedule();
}());
