// Exercise steps: the breathing timer, sliders on 0-10 scales, and focus after an htmx swap.
// Everything here enhances plain forms that already work without JavaScript.
(function () {
  "use strict";

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function initTimer(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var form = box.closest("form");
    var secondsInput = form.querySelector('input[name="seconds"], input[name="timer_seconds"]');
    var clock = box.querySelector("[data-timer-clock]");
    var promptEl = box.querySelector("[data-timer-prompt]");
    var startBtn = box.querySelector("[data-timer-start]");
    var stopBtn = box.querySelector("[data-timer-stop]");
    var prompts = (box.dataset.prompts || "").split("|").filter(Boolean);
    var startedAt = null, tick = null, elapsed = 0;

    function minutes() {
      var checked = form.querySelector('input[name="minutes"]:checked');
      return checked ? parseInt(checked.value, 10) : 3;
    }
    function show() {
      var left = Math.max(0, minutes() * 60 - elapsed);
      clock.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
    }
    function stop(finished) {
      clearInterval(tick);
      tick = null;
      box.classList.remove("running");
      startBtn.hidden = false;
      stopBtn.hidden = true;
      startBtn.textContent = "Start again";
      if (finished) promptEl.textContent = "Time's up. Take your time, then press Next.";
    }
    startBtn.addEventListener("click", function () {
      startedAt = Date.now() - elapsed * 1000;
      box.classList.add("running");
      startBtn.hidden = true;
      stopBtn.hidden = false;
      stopBtn.focus();
      tick = setInterval(function () {
        elapsed = Math.floor((Date.now() - startedAt) / 1000);
        secondsInput.value = String(elapsed);
        if (prompts.length && elapsed % 20 === 0) {
          promptEl.textContent = prompts[Math.floor(elapsed / 20) % prompts.length];
        }
        show();
        if (elapsed >= minutes() * 60) stop(true);
      }, 1000);
      if (prompts.length) promptEl.textContent = prompts[0];
    });
    stopBtn.addEventListener("click", function () { stop(false); startBtn.focus(); });
    form.addEventListener("change", function (e) { if (e.target.name === "minutes" && !tick) show(); });
    show();
  }

  // A range slider on top of the 0-10 radios: the radios stay the source of truth.
  function initScale(fieldset) {
    if (fieldset.dataset.ready) return;
    fieldset.dataset.ready = "1";
    var radios = fieldset.querySelectorAll('input[type="radio"]');
    if (!radios.length) return;
    var options = fieldset.querySelector(".scale-options");
    var legend = fieldset.querySelector("legend");
    var slider = document.createElement("input");
    slider.type = "range";
    slider.className = "scale-slider";
    slider.min = radios[0].value;
    slider.max = radios[radios.length - 1].value;
    slider.step = "1";
    var value = document.createElement("p");
    value.className = "scale-value";
    value.setAttribute("aria-hidden", "true");
    var checked = fieldset.querySelector('input[type="radio"]:checked');
    slider.value = checked ? checked.value : slider.min;
    var id = "slider-" + radios[0].name;
    slider.id = id;
    slider.setAttribute("aria-label", legend ? legend.textContent.trim() : "Rating");
    var ends = fieldset.querySelector(".scale-ends");
    if (ends) {
      ends.id = id + "-ends";
      slider.setAttribute("aria-describedby", ends.id);
    }
    function sync(fromSlider) {
      var chosen = fieldset.querySelector('input[type="radio"][value="' + slider.value + '"]');
      if (fromSlider && chosen) chosen.checked = true;
      var picked = fieldset.querySelector('input[type="radio"]:checked');
      // Until something is chosen, say so: a thumb resting at 0 must not look like an answer.
      value.textContent = picked ? picked.value : "Not chosen yet: slide to choose";
      value.classList.toggle("is-unset", !picked);
      slider.classList.toggle("is-unset", !picked);
      slider.setAttribute("aria-valuetext", picked ? picked.value + " of " + slider.max : "not chosen yet");
    }
    slider.addEventListener("input", function () { sync(true); });
    slider.addEventListener("click", function () { sync(true); });
    // Pressing Home at 0 changes nothing, so no input event: still count it as choosing.
    slider.addEventListener("keyup", function (event) {
      if (/^(Home|End|Arrow|Page)/.test(event.key)) sync(true);
    });
    options.hidden = true;
    options.parentNode.insertBefore(value, options);
    options.parentNode.insertBefore(slider, options);
    sync(false);
  }

  function init(root) {
    root.querySelectorAll("[data-timer]").forEach(initTimer);
    root.querySelectorAll("[data-scale]").forEach(initScale);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    init(event.target);
    var heading = document.getElementById("step-heading");
    if (heading && event.target.id === "step") {
      heading.focus();
      document.title = heading.textContent.trim() + " · Thaw";
    }
  });
})();
