// The feelings wheel: an SVG way into the grouped checkboxes of a feelings-pick step.
// The checkboxes (named by the wheel's data-field, "words" in exercises) stay the source of truth and are what the form posts; the wheel
// only reads and toggles them. Without JavaScript the wheel stays hidden and the list works alone.
(function () {
  "use strict";

  var COMPACT_WIDTH = 520; // below this drawn width, the wheel shows one core at a time, closer up
  var FULL = [0, 0, 600, 600];
  var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  function initWheel(box) {
    if (box.dataset.wheelReady) return;
    var form = box.closest("form");
    var svg = box.querySelector("svg");
    if (!form || !svg) return;
    box.dataset.wheelReady = "1";
    var field = box.dataset.field || "words";

    var segs = Array.prototype.slice.call(svg.querySelectorAll(".wheel-seg"));
    var inputs = {};
    form.querySelectorAll('input[name="' + field + '"]').forEach(function (input) { inputs[input.value] = input; });
    var bySeg = {};
    var rings = { 1: [], 2: [], 3: [] };
    segs.forEach(function (seg) {
      if (!inputs[seg.dataset.word]) { seg.remove(); return; }
      bySeg[seg.dataset.word] = seg;
      rings[seg.dataset.ring].push(seg);
    });
    segs = segs.filter(function (seg) { return bySeg[seg.dataset.word] === seg; });
    if (!segs.length) return;

    var chosen = box.querySelector("[data-wheel-chosen]");
    var wholeButton = box.querySelector("[data-wheel-whole]");
    var hint = box.querySelector("[data-wheel-hint]");
    var halo = svg.querySelector(".wheel-focus-halo");
    var line = svg.querySelector(".wheel-focus-line");
    var current = null;
    var zoomedCore = "";
    var tapStartedInOverview = false;
    var holdView = false;
    var animation = null;

    // --- state: checkboxes -> wheel -----------------------------------------------------------
    function sync() {
      segs.forEach(function (seg) {
        var on = inputs[seg.dataset.word].checked;
        seg.setAttribute("aria-checked", on ? "true" : "false");
        seg.classList.toggle("is-checked", on);
        seg.querySelector(".wheel-fill").setAttribute("fill", on ? seg.dataset.fillChecked : seg.dataset.fill);
      });
      var words = [];
      form.querySelectorAll('input[name="' + field + '"]:checked').forEach(function (input) { words.push(input.value); });
      var text = words.length ? words.join(", ") : "nothing yet";
      if (chosen.textContent !== text) chosen.textContent = text;
    }

    function toggle(seg) {
      var input = inputs[seg.dataset.word];
      input.checked = !input.checked;
      if (input.checked) {
        var group = input.closest("details");
        if (group) group.open = true;
      }
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // --- zooming in on one core (narrow screens) ----------------------------------------------
    function compact() {
      return svg.getBoundingClientRect().width < COMPACT_WIDTH;
    }

    function currentBox() {
      var vb = svg.viewBox.baseVal;
      return [vb.x, vb.y, vb.width, vb.height];
    }

    function setBox(target) {
      if (animation) cancelAnimationFrame(animation);
      animation = null;
      var from = currentBox();
      if (reducedMotion && reducedMotion.matches) {
        svg.setAttribute("viewBox", target.join(" "));
        return;
      }
      var began = null;
      function frame(now) {
        if (began === null) began = now;
        var t = Math.min(1, (now - began) / 260);
        var eased = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
        var view = t < 1 ? from.map(function (v, i) { return v + (target[i] - v) * eased; }) : target;
        svg.setAttribute("viewBox", view.join(" "));
        animation = t < 1 ? requestAnimationFrame(frame) : null;
      }
      animation = requestAnimationFrame(frame);
    }

    function zoomTo(core) {
      if (core === zoomedCore) return;
      var coreSeg = bySeg[core];
      if (!coreSeg || !coreSeg.dataset.zoom) return;
      zoomedCore = core;
      box.classList.add("is-zoomed");
      wholeButton.hidden = false;
      explain();
      setBox(coreSeg.dataset.zoom.split(" ").map(Number));
    }

    function showWhole() {
      zoomedCore = "";
      box.classList.remove("is-zoomed");
      wholeButton.hidden = true;
      explain();
      setBox(FULL);
    }

    function explain() {
      var text = "Choose on the wheel or in the list below. Choosing a word again lets it go.";
      if (box.classList.contains("is-compact")) {
        text = zoomedCore
          ? "Tap a word to choose it, and again to let it go."
          : "Tap a colour to look closer, then tap a word to choose it.";
      }
      if (hint.textContent !== text) hint.textContent = text;
    }

    function layout() {
      var small = compact();
      box.classList.toggle("is-compact", small);
      if (!small && zoomedCore) showWhole();
      explain();
    }

    // --- focus: one tab stop, a ring drawn on top -----------------------------------------------
    function rove(seg) {
      if (current && current !== seg) current.setAttribute("tabindex", "-1");
      current = seg;
      seg.setAttribute("tabindex", "0");
    }

    function moveTo(seg) {
      if (!seg) return;
      rove(seg);
      seg.focus({ preventScroll: true });
    }

    function drawRing(seg) {
      var d = seg.querySelector(".wheel-fill").getAttribute("d");
      halo.setAttribute("d", d);
      line.setAttribute("d", d);
    }

    // Focus listeners go on the box, not the <svg>: Chromium makes an SVG element with focus
    // listeners a tab stop of its own.
    box.addEventListener("focusin", function (event) {
      var seg = event.target.closest(".wheel-seg");
      if (!seg) return;
      rove(seg);
      drawRing(seg);
      var visible = seg.matches(":focus-visible");
      svg.classList.toggle("shows-focus", visible);
      if (!holdView && box.classList.contains("is-compact") && (visible || zoomedCore)) zoomTo(seg.dataset.core);
    });
    box.addEventListener("focusout", function () { svg.classList.remove("shows-focus"); });

    function neighbour(seg, step) {
      var ring = rings[seg.dataset.ring];
      var i = ring.indexOf(seg);
      return ring[(i + step + ring.length) % ring.length];
    }

    svg.addEventListener("keydown", function (event) {
      var seg = event.target.closest(".wheel-seg");
      if (!seg || event.altKey || event.ctrlKey || event.metaKey) return;
      var ring = rings[seg.dataset.ring];
      var target = null;
      switch (event.key) {
        case " ":
        case "Enter":
          event.preventDefault();
          toggle(seg);
          return;
        case "ArrowRight": target = neighbour(seg, 1); break;
        case "ArrowLeft": target = neighbour(seg, -1); break;
        case "ArrowUp": target = bySeg[seg.dataset.up] || null; break;
        case "ArrowDown": target = bySeg[seg.dataset.parent] || null; break;
        case "Home": target = ring[0]; break;
        case "End": target = ring[ring.length - 1]; break;
        default: return;
      }
      event.preventDefault();
      moveTo(target);
    });

    // --- pointer: on a narrow screen the first tap looks closer, later taps choose ---------------
    svg.addEventListener("pointerdown", function (event) {
      tapStartedInOverview = box.classList.contains("is-compact") && !zoomedCore && !!event.target.closest(".wheel-seg");
    });
    svg.addEventListener("click", function (event) {
      var seg = event.target.closest(".wheel-seg");
      if (tapStartedInOverview) {
        tapStartedInOverview = false;
        if (seg) { zoomTo(seg.dataset.core); moveTo(seg); }
        return;
      }
      if (!seg) return;
      moveTo(seg);
      toggle(seg);
    });

    wholeButton.addEventListener("click", function () {
      showWhole();
      // Back to the wheel, seen whole: the next arrow key brings the new place closer again.
      if (current) {
        holdView = true;
        current.focus({ preventScroll: true });
        holdView = false;
      }
    });

    form.addEventListener("change", function (event) {
      if (event.target.name === field) sync();
    });

    box.wheelLayout = layout;

    // Start with the groups closed (those holding a chosen word stay open) and the wheel shown.
    form.querySelectorAll("details.wheel-group").forEach(function (group) {
      if (!group.querySelector('input[name="' + field + '"]:checked')) group.open = false;
    });
    var firstChosen = segs.filter(function (seg) { return inputs[seg.dataset.word].checked; })[0];
    segs.forEach(function (seg) { seg.setAttribute("tabindex", "-1"); });
    rove(firstChosen || rings[1][0] || segs[0]);
    box.hidden = false;
    sync();
    layout();
  }

  function init(root) {
    root.querySelectorAll("[data-feelings-wheel]").forEach(initWheel);
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      document.querySelectorAll("[data-feelings-wheel][data-wheel-ready]").forEach(function (box) {
        if (box.wheelLayout) box.wheelLayout();
      });
    }, 150);
  });
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
