// The share-link page: a "Copy link" button. Without JavaScript the link is selectable text.
(function () {
  "use strict";

  function copied(status, text) {
    if (status) status.textContent = text;
  }

  function setUp(button) {
    var input = document.getElementById(button.dataset.copy);
    if (!input) return;
    var status = button.parentNode.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      input.focus();
      input.select();
      var done = function () { copied(status, "Copied. Paste it into a message to your therapist."); };
      var fallback = function () {
        try {
          if (document.execCommand("copy")) { done(); return; }
        } catch (e) { /* fall through */ }
        copied(status, "Couldn't copy by itself. The link is selected: copy it with your device's copy command.");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    });
    input.addEventListener("focus", function () { input.select(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), setUp);
  });
})();
