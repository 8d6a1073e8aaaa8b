// Journal: never lose a word. Debounced autosave to the server, a copy in this browser's storage,
// a quiet "saved" note, and a warning before leaving with unsaved text.
(function () {
  "use strict";

  var PREFIX = "thaw-draft:";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function snapshot(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(form, data) {
    Object.keys(data).forEach(function (name) {
      var fields = form.querySelectorAll('[name="' + name + '"]');
      fields.forEach(function (field) {
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = data[name].indexOf(field.value) !== -1;
        } else {
          field.value = data[name][0];
        }
      });
    });
  }

  function hasWords(data) {
    return Object.keys(data).some(function (name) {
      return name !== "client_id" && data[name] && typeof data[name][0] === "string" && data[name][0].trim() &&
        document.querySelector('textarea[name="' + name + '"], input[type="text"][name="' + name + '"]');
    });
  }

  function initForm(form) {
    var url = form.dataset.autosave;
    var key = PREFIX + form.dataset.draftKey;
    var status = form.querySelector("[data-save-status]");
    var timer = null, retry = null, dirty = false, submitting = false, inFlight = false;

    function say(text) { if (status) status.textContent = text; }
    function backup() {
      try { localStorage.setItem(key, JSON.stringify({ saved: Date.now(), data: snapshot(form) })); } catch (e) { /* storage full or off */ }
    }

    function save() {
      if (inFlight) { schedule(); return; }
      inFlight = true;
      var body = new FormData(form);
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.text().then(function (text) {
          if (response.ok) {
            dirty = false;
            say(text);
            // The server has these words now; the device copy is only for what isn't saved yet.
            try { localStorage.removeItem(key); } catch (e) { /* storage off */ }
          } else if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
            say(text || "You've been logged out. Your words are kept on this device: log in again to save them.");
          } else {
            say(text || "Not saved yet. We'll keep trying, and your words are kept on this device.");
            scheduleRetry();
          }
        });
      }).catch(function () {
        say("You seem to be offline. Your words are kept on this device, and we'll save them when you're back.");
        scheduleRetry();
      }).finally(function () { inFlight = false; });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    }
    function scheduleRetry() {
      clearTimeout(retry);
      retry = setTimeout(function () { if (dirty) save(); }, 15000);
    }

    function changed() {
      dirty = true;
      say("Saving…");
      backup();
      schedule();
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { submitting = true; backup(); });
    window.addEventListener("online", function () { if (dirty) save(); });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    // Coming back after a logout, a crash or a lost connection: bring the words back.
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    var current = snapshot(form);
    if (stored && stored.data && hasWords(stored.data) && !hasWords(current)) {
      restore(form, stored.data);
      var note = form.querySelector("[data-restored-note]");
      if (note) note.hidden = false;
      dirty = true;
      save();
    }
  }

  function forgetSaved() {
    var marker = document.querySelector("[data-saved-client-id]");
    if (!marker) return;
    var id = marker.dataset.savedClientId;
    try {
      Object.keys(localStorage).forEach(function (key) {
        if (key.indexOf(PREFIX) !== 0) return;
        var stored = JSON.parse(localStorage.getItem(key) || "null");
        if (stored && stored.data && stored.data.client_id && stored.data.client_id[0] === id) {
          localStorage.removeItem(key);
        }
      });
    } catch (e) { /* nothing to forget */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(initForm);
    forgetSaved();
  });
})();
