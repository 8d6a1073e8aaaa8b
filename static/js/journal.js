// Journal and support plan: never lose a word. Debounced autosave to the server, a copy in this browser's
// storage kept for one person only, a quiet status line that only ever shows one calm sentence, and a
// warning before leaving with unsaved text. The server orders the writes (selfcare/core/autosave.py).
(function () {
  "use strict";

  // Every copy is stored as PREFIX + the person's draft_owner value (from the server) + ":" + the form's key.
  // thaw.js clears them all after a logout; keep the prefix in step with it.
  var PREFIX = "thaw-draft:";
  // What the page itself keeps track of: never part of a copy, never restored.
  var PAGE_FIELDS = ["csrfmiddlewaretoken", "writer", "seq", "draft_owner"];

  var SAY = {
    loggedOut: "You've been logged out. Your words are kept on this device: log in again and they'll be saved.",
    stale: "This page is out of date, so it couldn't save. Your words are kept on this device: reload the page to carry on.",
    busy: "Lots of saving at once. We'll try again in a moment, and your words are kept on this device.",
    notYet: "Not saved yet. We'll keep trying, and your words are kept on this device.",
    offline: "You seem to be offline. Your words are kept on this device, and we'll save them when you're back.",
    merged: "Both versions are together in your words now. Tidy them up as you like: they save as you type."
  };

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  // A login in another tab rotates the token: ask for the current one and use it everywhere on the page.
  function refreshToken(url) {
    if (!url) return Promise.resolve("");
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.token) return "";
        document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach(function (input) { input.value = data.token; });
        document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": data.token }));
        return data.token;
      })
      .catch(function () { return ""; });
  }

  function snapshot(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (PAGE_FIELDS.indexOf(name) !== -1) return;
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(form, data) {
    Object.keys(data).forEach(function (name) {
      if (PAGE_FIELDS.indexOf(name) !== -1) return;
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

  // Copies from before they were kept per person: nobody can tell whose they are, so they go.
  function dropUnownedCopies() {
    try {
      Object.keys(localStorage).forEach(function (key) {
        if (key.indexOf(PREFIX) === 0 && key.slice(PREFIX.length).indexOf(":") === -1) localStorage.removeItem(key);
      });
    } catch (e) { /* storage off */ }
  }

  function readAnswer(response) {
    var answer = { code: response.type === "opaqueredirect" ? 401 : response.status, data: null };
    var type = response.headers.get("Content-Type") || "";
    // Only our own short JSON answers are read. Anything else (a login page, a CSRF page) is never shown.
    if (type.indexOf("application/json") !== 0) return Promise.resolve(answer);
    return response.json().then(function (data) {
      answer.data = data && typeof data.message === "string" ? data : null;
      return answer;
    }, function () { return answer; });
  }

  function initForm(form) {
    var url = form.dataset.autosave;
    var owner = form.elements.namedItem("draft_owner");
    if (!owner || !owner.value) return; // a page that does not say whose it is keeps nothing on the device
    var key = PREFIX + owner.value + ":" + form.dataset.draftKey;
    var status = form.querySelector("[data-save-status]");
    var conflictBox = form.querySelector("[data-conflict]");
    var timer = null, retry = null, controller = null;
    var dirty = false, submitting = false, inFlight = false, paused = false;
    var seq = 0, changes = 0;

    function say(text) { if (status) status.textContent = text; }
    function field(name) { return form.elements.namedItem(name); }
    function setField(name, value) {
      var input = field(name);
      if (input && value !== undefined && value !== null) input.value = value;
    }
    function backup() {
      try { localStorage.setItem(key, JSON.stringify({ saved: Date.now(), data: snapshot(form) })); } catch (e) { /* storage full or off */ }
    }
    function forgetCopy() {
      try { localStorage.removeItem(key); } catch (e) { /* storage off */ }
    }

    function nextSeq() {
      seq += 1;
      setField("seq", seq);
    }

    function send(body, retried) {
      controller = typeof AbortController === "function" ? new AbortController() : null;
      return fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        redirect: "manual",
        signal: controller ? controller.signal : undefined,
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch", Accept: "application/json" }
      }).then(readAnswer).then(function (answer) {
        if (answer.code === 403 && !answer.data && !retried) {
          // Most likely a stale CSRF token: fetch the current one and try once more.
          return refreshToken(form.dataset.tokenUrl).then(function (token) {
            if (!token) return answer;
            body.set("csrfmiddlewaretoken", token);
            return send(body, true);
          });
        }
        return answer;
      });
    }

    function save() {
      if (paused || submitting) return;
      if (inFlight) { schedule(); return; }
      inFlight = true;
      var sentAt = changes;
      nextSeq();
      send(new FormData(form), false).then(function (answer) {
        handle(answer, sentAt);
      }).catch(function (error) {
        if (error && error.name === "AbortError") return;
        say(SAY.offline);
        scheduleRetry();
      }).finally(function () { inFlight = false; controller = null; });
    }

    function handle(answer, sentAt) {
      var data = answer.data || {};
      if (answer.code === 200 && answer.data) {
        setField("revision", data.revision);
        if (data.status === "kept-as-new") {
          setField("client_id", data.client_id);
          if (data.action) form.action = data.action;
          showNotice(data.message, null);
        }
        say(data.status === "kept-as-new" ? "Saved as a new entry." : data.message);
        if (changes === sentAt) {
          dirty = false;
          // The server has these words now; the device copy is only for what isn't saved yet.
          forgetCopy();
        } else {
          backup(); // newer words are waiting: keep their copy, now with the revision just saved
        }
        return;
      }
      if (answer.code === 409 && data.status === "conflict") {
        showConflict(data);
        return;
      }
      if (answer.code === 401) {
        say(data.message || SAY.loggedOut);
      } else if (answer.code === 403) {
        say(SAY.stale);
      } else if (answer.code === 422 && answer.data) {
        say(data.message);
      } else if (answer.code === 429) {
        say(SAY.busy);
        scheduleRetry();
      } else if (answer.code >= 400 && answer.code < 500) {
        say(SAY.stale); // asking again would get the same answer
      } else {
        say(SAY.notYet);
        scheduleRetry();
      }
    }

    function showNotice(message, parts) {
      if (!conflictBox) return;
      conflictBox.querySelector("[data-conflict-message]").textContent = message;
      var other = conflictBox.querySelector("[data-conflict-other]");
      other.textContent = "";
      (parts || []).forEach(function (part) {
        var label = document.createElement("p");
        label.className = "conflict-label";
        label.textContent = part.label;
        var text = document.createElement("p");
        text.className = "entry-text";
        text.textContent = part.text;
        other.appendChild(label);
        other.appendChild(text);
      });
      if (parts && parts.length) {
        var heading = document.createElement("p");
        heading.className = "conflict-heading";
        heading.textContent = "The other version:";
        other.insertBefore(heading, other.firstChild);
      }
      conflictBox.querySelector("[data-conflict-merge]").hidden = !parts;
      conflictBox.hidden = false;
    }

    // Another tab or device saved first. Nothing is applied until the person has both versions in front of them.
    function showConflict(data) {
      paused = true;
      say("Not saved yet: see the note above.");
      showNotice(data.message, data.theirs || []);
      var button = conflictBox && conflictBox.querySelector("[data-conflict-merge]");
      if (!button) return;
      button.onclick = function () {
        restore(form, data.merged || {});
        setField("revision", data.revision);
        paused = false;
        button.hidden = true;
        conflictBox.querySelector("[data-conflict-message]").textContent = SAY.merged;
        changed();
      };
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
      changes += 1;
      backup();
      if (paused) return;
      say("Saving…");
      schedule();
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      // The final save goes last: no autosave is sent after it, and one still on its way is called off
      // (if it reaches the server anyway, the server sees it is older and ignores it).
      submitting = true;
      clearTimeout(timer);
      clearTimeout(retry);
      if (controller) controller.abort();
      nextSeq();
      backup();
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) submitting = false; // back to this page from the next one: it can save again
    });
    window.addEventListener("online", function () { if (dirty) save(); });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    // Coming back after a logout, a crash or a lost connection: bring this person's words back.
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
    var ids = marker.dataset.savedClientId.split(" ");
    try {
      Object.keys(localStorage).forEach(function (key) {
        if (key.indexOf(PREFIX) !== 0) return;
        var stored = JSON.parse(localStorage.getItem(key) || "null");
        if (stored && stored.data && stored.data.client_id && ids.indexOf(stored.data.client_id[0]) !== -1) {
          localStorage.removeItem(key);
        }
      });
    } catch (e) { /* nothing to forget */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    dropUnownedCopies();
    document.querySelectorAll("form[data-autosave]").forEach(initForm);
    forgetSaved();
  });
})();
