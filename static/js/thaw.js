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

  // After a logout or an account deletion the server sets this cookie (and a Clear-Site-Data header, which
  // most browsers follow anyway): forget every copy of unsaved words this browser kept (journal.js's prefix).
  function forgetDrafts() {
    if (document.cookie.split("; ").indexOf("thaw-forget-drafts=1") === -1) return;
    try {
      Object.keys(localStorage).forEach(function (key) {
        if (key.indexOf("thaw-draft:") === 0) localStorage.removeItem(key);
      });
    } catch (e) { /* storage off: nothing kept */ }
    document.cookie = "thaw-forget-drafts=; Max-Age=0; Path=/; SameSite=Lax";
  }

  forgetDrafts();
  document.addEventListener("DOMContentLoaded", detectTimeZone);
})();
