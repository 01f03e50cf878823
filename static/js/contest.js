/* The quiz: countdowns from the server's figure, autosave of every answer.
 *
 * A countdown starts from the seconds the server computed when it sent the
 * page and runs on the browser's monotonic clock, so a wrong clock on the
 * phone changes nothing; the server checks the deadline again on every save.
 * Without JavaScript the page is one form: answers are sent with "Nộp bài".
 */
(function () {
  "use strict";

  function clock(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = (m < 10 ? "0" : "") + m, ss = (s < 10 ? "0" : "") + s;
    if (h >= 24) { return Math.floor(h / 24) + " ngày " + (h % 24) + ":" + mm + ":" + ss; }
    return h ? h + ":" + mm + ":" + ss : mm + ":" + ss;
  }

  function startCountdown(el) {
    var end = performance.now() + parseInt(el.dataset.countdownSeconds, 10) * 1000;
    var finished = false;
    function tick() {
      var left = Math.max(0, Math.round((end - performance.now()) / 1000));
      el.textContent = clock(left);
      if (left === 0 && !finished) {
        finished = true;
        if (el.dataset.countdownEnd === "submit") { timeUp(); }
        // The contest page: a round has just opened or closed.
        if (el.dataset.countdownEnd === "reload") { window.setTimeout(function () { window.location.reload(); }, 1500); }
        return;
      }
      window.setTimeout(tick, 250);
    }
    tick();
  }

  function timeUp() {
    var form = document.getElementById("attempt-form");
    if (!form) { return; }
    // form.submit() skips the "required" check: the server scores what it has.
    form.submit();
  }

  function status(form, key, text, isError) {
    var el = form.querySelector('[data-save-status="' + key + '"]');
    if (!el) { return; }
    el.textContent = text;
    el.classList.toggle("quiz-save--error", !!isError);
  }

  function setupAutosave(form) {
    var url = form.dataset.autosaveUrl;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var pending = {};

    function send(key, fields) {
      pending[key] = fields;
      status(form, key, "Đang lưu…", false);
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token);
      Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
      fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (result) {
          if (pending[key] !== fields) { return; }  // a newer answer is on its way
          delete pending[key];
          if (result.ok) { status(form, key, "Đã lưu", false); }
          else { status(form, key, result.data.error || "Không lưu được.", true); }
        })
        .catch(function () {
          if (pending[key] !== fields) { return; }
          status(form, key, "Mất kết nối – đang thử lưu lại…", true);
          window.setTimeout(function () { if (pending[key] === fields) { send(key, fields); } }, 3000);
        });
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      var match = /^q(\d+)$/.exec(input.name || "");
      if (match && input.checked) {
        send(match[1], { position: match[1], choice: input.value });
      } else if (input.name === "prediction" && /^\d+$/.test(input.value)) {
        send("prediction", { prediction: input.value });
      }
    });
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  /* "Nộp bài" sends the sheet with fetch and one key for this submit. If the network fails
   * (the answer may have been stored, only its response lost), the same sheet and key go
   * again until the server answers: it stores the submit once and answers a repeated key as
   * it answered the first (contests.views.attempt_submit). */
  function setupSubmit(form) {
    var button = form.querySelector("button[type=submit]");
    var note = document.createElement("p");
    note.className = "quiz-save";
    note.setAttribute("aria-live", "polite");
    button.insertAdjacentElement("afterend", note);
    var sending = false;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) { return; }
      sending = true;
      button.disabled = true;
      var body = new FormData(form);
      body.append("idempotency_key", newKey());
      var tries = 0;
      function attempt() {
        tries += 1;
        note.textContent = "Đang nộp bài…";
        note.classList.remove("quiz-save--error");
        fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            if (data.url) { window.location.assign(data.url); return; }
            note.textContent = data.error || "Không nộp được bài.";
            note.classList.add("quiz-save--error");
          })
          .catch(function () {
            note.textContent = "Mất kết nối – đang gửi lại bài (lần " + tries + ")…";
            note.classList.add("quiz-save--error");
            window.setTimeout(attempt, Math.min(10000, 1000 * tries));
          });
      }
      attempt();
    });
  }

  document.querySelectorAll("[data-countdown-seconds]").forEach(startCountdown);
  var form = document.getElementById("attempt-form");
  if (form) { setupAutosave(form); setupSubmit(form); }
})();
