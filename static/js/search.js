// Results as the user types (the page's own results fragment), and "Copy" to the clipboard.
// Without this file both still work: the form submits, the text block can be selected.
(function () {
  "use strict";

  var form = document.querySelector("form[data-live-search]");
  if (form) {
    var results = document.getElementById("search-results");
    var timer = null;
    var latest = 0;
    var refresh = function () {
      var params = new URLSearchParams(new FormData(form));
      params.set("fragment", "1");
      var asked = ++latest;
      fetch(form.dataset.liveSearch + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html !== null && asked === latest) {
            results.innerHTML = html; // the server escaped every word; only <mark> is ours
            params.delete("fragment");
            history.replaceState(null, "", "?" + params.toString());
          }
        })
        .catch(function () { /* the form still submits the ordinary way */ });
    };
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 200);
    });
  }

  document.querySelectorAll("form[data-copy-target]").forEach(function (copyForm) {
    copyForm.addEventListener("submit", function (event) {
      var source = document.getElementById(copyForm.dataset.copyTarget);
      var status = copyForm.querySelector(".copy-status");
      if (!source || !navigator.clipboard) {
        return; // no clipboard: the server counts the copy and shows the text to select
      }
      event.preventDefault();
      navigator.clipboard.writeText(source.value).then(function () {
        status.textContent = "Copied.";
        fetch(copyForm.action, {
          method: "POST",
          body: new FormData(copyForm),
          headers: { "X-Requested-With": "fetch" },
          credentials: "same-origin"
        });
      }, function () {
        source.focus();
        source.select();
        status.textContent = "Select the text and copy it.";
      });
    });
  });
})();
