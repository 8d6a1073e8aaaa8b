// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Sign-up: choose the time zone the device reports, when it is in the list.
  function detectTimeZone() {
    var select = document.querySelector("select[data-detect-timezone]");
    if (!select || select.dataset.userChosen) return;
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone || !select.querySelector('option[value="' + zone.replace(/"/g, "") + '"]')) return;
    if (select.value === "UTC" || select.value === "") {
      select.value = zone;
      var note = document.getElementById(select.dataset.detectTimezone);
      if (note) {
        note.textContent = "We picked " + zone + " from your device. Change it if it's not right.";
      }
    }
    select.addEventListener("change", function () { select.dataset.userChosen = "1"; });
  }

  document.addEventListener("DOMContentLoaded", detectTimeZone);
})();
