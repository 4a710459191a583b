// Timed comments: "1:42" links play the recording from that moment; reviewers stamp the
// player's current time into the next empty timed-comment row.
(function () {
  "use strict";

  function clock(seconds) {
    var s = Math.floor(seconds);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var rest = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + rest : m + ":" + rest;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.seek");
    if (!link) return;
    var player = document.getElementById(link.dataset.player);
    if (!player) return;
    event.preventDefault();
    player.currentTime = Number(link.dataset.seconds);
    player.focus();
    player.play().catch(function () { /* the user may start it themselves */ });
  });

  var stamp = document.getElementById("stamp-now");
  if (stamp) {
    var player = document.getElementById(stamp.dataset.player);
    if (player) {
      stamp.hidden = false;
      stamp.addEventListener("click", function () {
        var times = document.querySelectorAll('#timed-rows input[name="timed-time"]');
        var target = Array.prototype.find.call(times, function (input) { return !input.value; });
        if (!target) {
          var row = times[times.length - 1].closest(".timed-row").cloneNode(true);
          row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
          document.getElementById("timed-rows").appendChild(row);
          target = row.querySelector('input[name="timed-time"]');
        }
        player.pause();
        target.value = clock(player.currentTime);
        target.closest(".timed-row").querySelector('input[name="timed-text"]').focus();
      });
    }
  }
})();
