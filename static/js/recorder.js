// The practice recorder: MediaRecorder puts the recording into the form's file input, so the
// same form (and the same server checks) send it. Without MediaRecorder, or without a camera,
// the recorder stays hidden and the rep uploads a file or writes instead.
(function () {
  "use strict";

  var box = document.getElementById("recorder");
  var input = document.getElementById("media");
  if (!box || !input || !window.MediaRecorder || !navigator.mediaDevices ||
      typeof DataTransfer === "undefined") {
    return;
  }
  var status = document.getElementById("recorder-status");
  var preview = document.getElementById("recorder-preview");
  var playback = document.getElementById("recorder-playback");
  var buttons = {};
  box.querySelectorAll("button[data-action]").forEach(function (button) {
    buttons[button.dataset.action] = button;
  });
  var maxSeconds = Number(box.dataset.maxSeconds) || 600;
  var recorder = null;
  var stream = null;
  var chunks = [];
  var timer = null;
  var started = 0;
  var playbackUrl = null;

  function say(text) { status.textContent = text; }

  function busy(recording) {
    ["start-video", "start-audio"].forEach(function (name) {
      if (buttons[name]) buttons[name].disabled = recording;
    });
    buttons.stop.disabled = !recording;
  }

  function release() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    preview.srcObject = null;
    preview.hidden = true;
    clearInterval(timer);
  }

  function pickType(video) {
    var types = video ? ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]
                      : ["audio/webm;codecs=opus", "audio/webm", "audio/ogg", "audio/mp4"];
    return types.find(function (type) { return MediaRecorder.isTypeSupported(type); }) || "";
  }

  function start(video) {
    say("Asking for the " + (video ? "camera and microphone" : "microphone") + "…");
    navigator.mediaDevices.getUserMedia({ audio: true, video: video }).then(function (got) {
      stream = got;
      chunks = [];
      var type = pickType(video);
      recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      recorder.addEventListener("dataavailable", function (event) {
        if (event.data && event.data.size) chunks.push(event.data);
      });
      recorder.addEventListener("stop", finish);
      if (video) {
        preview.srcObject = stream;
        preview.hidden = false;
        preview.play().catch(function () {});
      }
      recorder.start(1000);
      started = Date.now();
      busy(true);
      buttons.stop.focus();
      say("Recording. Press Stop when you are done; it stops by itself after " +
          Math.round(maxSeconds / 60) + " minutes.");
      timer = setInterval(function () {
        if ((Date.now() - started) / 1000 >= maxSeconds) stop();
      }, 500);
    }).catch(function () {
      release();
      busy(false);
      say("The browser could not use the camera or microphone. Upload a file or write your answer instead.");
    });
  }

  function stop() {
    if (recorder && recorder.state !== "inactive") recorder.stop();
  }

  function finish() {
    var seconds = Math.round((Date.now() - started) / 1000);
    release();
    busy(false);
    var type = (recorder.mimeType || "video/webm").split(";")[0];
    var blob = new Blob(chunks, { type: type });
    var extension = type.indexOf("mp4") >= 0 ? "mp4" : type.indexOf("ogg") >= 0 ? "ogg" : "webm";
    var file = new File([blob], "recording." + extension, { type: type });
    var transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    if (playbackUrl) URL.revokeObjectURL(playbackUrl);
    playbackUrl = URL.createObjectURL(blob);
    playback.src = playbackUrl;
    playback.hidden = false;
    buttons.discard.disabled = false;
    say("Recorded " + seconds + " seconds. Watch it back, record again, or send it for review.");
    playback.focus();
  }

  function discard() {
    input.value = "";
    playback.removeAttribute("src");
    playback.hidden = true;
    buttons.discard.disabled = true;
    say("Recording discarded. Not recording.");
  }

  if (buttons["start-video"]) buttons["start-video"].addEventListener("click", function () { start(true); });
  if (buttons["start-audio"]) buttons["start-audio"].addEventListener("click", function () { start(false); });
  buttons.stop.addEventListener("click", stop);
  buttons.discard.addEventListener("click", discard);
  box.hidden = false;
})();
