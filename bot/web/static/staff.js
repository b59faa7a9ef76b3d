/* Staff pages: live reading grade of an FAQ answer, and retrain progress. Same-origin only;
 * the CSRF token comes from the page's <meta name="csrf-token">. */
(function () {
  "use strict";
  var token = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function gradePreview() {
    var answer = document.getElementById("answer");
    var output = document.getElementById("grade-value");
    if (!answer || !output) { return; }
    var timer = null;
    answer.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch("/editor/api/grade", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
          body: JSON.stringify({ text: answer.value.slice(0, 5000) })
        }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
          if (data) { output.textContent = String(data.grade); }
        }).catch(function () { /* the grade is checked again on save */ });
      }, 300);
    });
  }

  function retrainStatus() {
    var box = document.getElementById("retrain-status");
    if (!box || box.getAttribute("data-running") !== "yes") { return; }
    var button = document.querySelector("#retrain button[type=submit]");
    function poll() {
      fetch("/editor/api/retrain", { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          box.querySelector('[data-field="message"]').textContent = s.message;
          box.querySelector('[data-field="progress"]').textContent = s.progress || "–";
          if (s.running) { setTimeout(poll, 2000); } else if (button) { button.disabled = false; }
        }).catch(function () { setTimeout(poll, 5000); });
    }
    poll();
  }

  gradePreview();
  retrainStatus();
})();
