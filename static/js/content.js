/* The public pages: countdowns to key dates, "copy link", "print".
 *
 * A countdown starts from the seconds the server computed when it sent the
 * page (data-countdown-seconds) and runs on the browser's monotonic clock, as
 * the quiz's does: a phone with a wrong clock still counts right. Without
 * JavaScript the page shows the days left, the copy link is a plain link to
 * the article, and the print button stays hidden (the browser's own print
 * uses the print stylesheet).
 */
(function () {
  "use strict";

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function label(seconds) {
    var days = Math.floor(seconds / 86400), rest = seconds % 86400;
    var clock = two(Math.floor(rest / 3600)) + ":" + two(Math.floor((rest % 3600) / 60)) + ":" + two(rest % 60);
    return days ? days + " ngày " + clock : clock;
  }

  function startCountdowns() {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-countdown-seconds]"));
    if (!items.length) { return; }
    var started = performance.now();
    var totals = items.map(function (el) { return parseInt(el.dataset.countdownSeconds, 10) || 0; });
    function tick() {
      var passed = Math.floor((performance.now() - started) / 1000);
      items.forEach(function (el, i) {
        var left = Math.max(0, totals[i] - passed);
        el.textContent = left ? label(left) : "Hôm nay";
      });
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function copyLinks() {
    document.querySelectorAll(".js-copy-link").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!navigator.clipboard) { return; }
        event.preventDefault();
        navigator.clipboard.writeText(link.href).then(function () {
          link.textContent = link.dataset.copied;
        });
      });
    });
  }

  function printButtons() {
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startCountdowns();
    copyLinks();
    printButtons();
  });
})();
