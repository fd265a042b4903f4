// The studio editor's live preview: as the designer types, the draft is sent
// (with its CSRF token) to the preview endpoint and the panel is replaced by
// the server-rendered result. Without JavaScript the Preview button does the
// same with a full page.
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var panel = document.getElementById("preview-panel");
  var status = document.getElementById("preview-status");
  if (!form || !panel || !window.fetch) {
    return;
  }
  var DELAY_MS = 350;
  var timer = null;
  var controller = null;
  var dirty = false;

  function draft() {
    var data = new FormData(form);
    data.delete("action");
    data.delete("confirm");
    return data;
  }

  function refresh() {
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    panel.setAttribute("aria-busy", "true");
    fetch(form.dataset.previewUrl, {
      method: "POST",
      body: draft(),
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.elements.csrf_token.value },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        panel.innerHTML = html;
        panel.removeAttribute("aria-busy");
        var problems = panel.querySelectorAll(".problem li").length;
        status.textContent = problems
          ? "Preview updated: " + problems + (problems === 1 ? " problem" : " problems") + " to fix."
          : "Preview updated.";
      })
      .catch(function (error) {
        if (error.name === "AbortError") {
          return;
        }
        panel.removeAttribute("aria-busy");
        status.textContent = "The live preview is not available; use the Preview button.";
      });
  }

  function schedule() {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, DELAY_MS);
  }

  form.addEventListener("input", schedule);
  var seed = document.getElementById("seed");
  if (seed) {
    seed.addEventListener("input", schedule);
  }
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
