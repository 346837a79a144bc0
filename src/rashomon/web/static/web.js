/* rashomon web app: optional conveniences. Every page works without this script. */
(function () {
  "use strict";

  /* Adding articles: post the form in the page and show the job's progress instead of leaving it. */
  document.querySelectorAll("form.add-form[data-api]").forEach(function (form) {
    var status = form.querySelector(".job-status");
    var bar = form.querySelector(".job-progress");
    var button = form.querySelector("button[type=submit]");

    function show(text) { status.textContent = text; }

    function poll(url) {
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          if (job.status === "done") {
            bar.hidden = true;
            var result = job.result || {};
            show("Done: " + result.added + " added, " + result.duplicates + " already stored, " +
                 (result.skipped || []).length + " skipped. Opening the story…");
            window.location.assign(job.story_page || "/");
            return;
          }
          if (job.status === "failed") {
            bar.hidden = true;
            button.disabled = false;
            show("Failed: " + (job.error || "unknown error"));
            return;
          }
          bar.hidden = false;
          bar.max = Math.max(job.stage_total, 1);
          bar.value = job.stage_done;
          show(job.status === "queued" ? "Waiting to start…" :
               "Analysing: " + (job.stage || "starting") + " (" + job.stages.length + " stages done)");
          window.setTimeout(function () { poll(url); }, 500);
        })
        .catch(function () { show("Lost contact with the server; reload to see the story."); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      show("Uploading…");
      fetch(form.getAttribute("data-api"), {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" }
      })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (reply) {
          if (!reply.ok) {
            button.disabled = false;
            var error = reply.body.error || {};
            show((error.message || "refused") + (error.hint ? " (" + error.hint + ")" : ""));
            return;
          }
          poll("/api/jobs/" + encodeURIComponent(reply.body.id));
        })
        .catch(function () { button.disabled = false; show("The upload did not reach the server."); });
    });
  });

  /* A claim followed from a table: highlight all of its words, not just the first piece. */
  function markTarget() {
    document.querySelectorAll(".claim.targeted").forEach(function (el) { el.classList.remove("targeted"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var lead = id ? document.getElementById(id) : null;
    if (!lead || !lead.classList.contains("cref")) { return; }
    var title = null;
    for (var el = lead.nextElementSibling; el && el.classList.contains("claim"); el = el.nextElementSibling) {
      title = title || el.getAttribute("title");
      if (el.getAttribute("title") !== title) { break; }
      el.classList.add("targeted");
    }
  }
  window.addEventListener("hashchange", markTarget);
  markTarget();
})();
