// Mood sketch: optional free drawing on a canvas, saved with the session as a PNG.
// Without JavaScript the step explains that drawing is optional and the composed picture is kept.
(function () {
  "use strict";

  function initSketch(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var form = box.closest("form");
    var canvas = box.querySelector("canvas");
    var input = form.querySelector('input[name="image"]');
    var ctx = canvas.getContext("2d");
    var drawing = false, drawn = false, last = null;
    var colour = box.dataset.colour || "#2c6964";
    box.hidden = false;
    var fallback = form.querySelector("[data-sketch-fallback]");
    if (fallback) fallback.hidden = true;

    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (input.value) {
      var img = new Image();
      img.onload = function () { ctx.drawImage(img, 0, 0); drawn = true; };
      img.src = input.value;
    }

    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - rect.left) * (canvas.width / rect.width),
        y: (event.clientY - rect.top) * (canvas.height / rect.height)
      };
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      last = point(event);
      canvas.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var p = point(event);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 6;
      ctx.lineCap = "round";
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      last = p;
      drawn = true;
    });
    function end() { drawing = false; }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);

    box.querySelectorAll("[data-colour-choice]").forEach(function (button) {
      button.addEventListener("click", function () {
        colour = button.dataset.colourChoice;
        box.querySelectorAll("[data-colour-choice]").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      });
    });
    box.querySelector("[data-sketch-clear]").addEventListener("click", function () {
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      input.value = "";
    });
    form.addEventListener("submit", function () {
      if (drawn) input.value = canvas.toDataURL("image/png");
    });
    // htmx serialises the form before the submit event's default; keep the value current too.
    form.addEventListener("htmx:configRequest", function (event) {
      if (drawn) event.detail.parameters.image = canvas.toDataURL("image/png");
    });
  }

  // Congruence: record a short clip to hear yourself. It stays in this browser and is never sent.
  function initRecorder(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    box.hidden = false;
    var start = box.querySelector("[data-record-start]");
    var stop = box.querySelector("[data-record-stop]");
    var audio = box.querySelector("audio");
    var status = box.querySelector("[data-record-status]");
    var recorder = null, chunks = [], timer = null;
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (e) { chunks.push(e.data); };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          if (audio.src) URL.revokeObjectURL(audio.src);
          audio.src = URL.createObjectURL(new Blob(chunks, { type: recorder.mimeType }));
          audio.hidden = false;
          status.textContent = "Recorded. Play it back to hear yourself. It is only in this browser tab.";
          start.hidden = false;
          stop.hidden = true;
        };
        recorder.start();
        status.textContent = "Recording… (up to 20 seconds)";
        start.hidden = true;
        stop.hidden = false;
        stop.focus();
        timer = setTimeout(function () { if (recorder.state === "recording") recorder.stop(); }, 20000);
      }).catch(function () {
        status.textContent = "The microphone isn't available. That's fine: saying it aloud works just as well.";
      });
    });
    stop.addEventListener("click", function () {
      clearTimeout(timer);
      if (recorder && recorder.state === "recording") recorder.stop();
    });
  }

  function init(root) {
    root.querySelectorAll("[data-sketch]").forEach(initSketch);
    root.querySelectorAll("[data-recorder]").forEach(initRecorder);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
