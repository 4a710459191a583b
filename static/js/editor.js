// The module editor's preview as you type: the Preview button without the round trip.
// Without this file the editor works the same, one Preview click at a time.
(function () {
  "use strict";

  var form = document.querySelector("form.editor[data-preview-url]");
  if (!form || !window.fetch || !window.DOMParser) {
    return;
  }
  var source = form.querySelector("textarea[name=source]");
  var token = form.querySelector("input[name=csrf_token]");
  var status = document.getElementById("preview-status");
  var timer = null;
  var controller = null;
  var WAIT_MS = 600;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    ["problems", "preview"].forEach(function (id) {
      var next = fresh.getElementById(id);
      var here = document.getElementById(id);
      if (next && here) {
        here.replaceWith(document.importNode(next, true));
      }
    });
    var problems = document.getElementById("problems");
    var errors = problems ? Number(problems.dataset.errors || 0) : 0;
    say(errors ? "Preview updated: " + errors + " problem(s) to fix before publishing."
               : "Preview updated.");
  }

  function update() {
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    var body = new FormData();
    body.append("source", source.value);
    fetch(form.dataset.previewUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
      signal: controller.signal,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(swap)
      .catch(function (error) {
        if (error.name !== "AbortError") {
          say("The preview could not be updated; use the Preview button.");
        }
      });
  }

  source.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, WAIT_MS);
  });

  // A problem on this file's line N: clicking it selects that line in the text.
  document.addEventListener("click", function (event) {
    var item = event.target.closest("[data-line]");
    if (!item) {
      return;
    }
    var line = Number(item.dataset.line);
    var lines = source.value.split("\n");
    var start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    var end = start + (lines[line - 1] || "").length;
    source.focus();
    source.setSelectionRange(start, end);
  });
})();
