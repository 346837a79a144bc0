/* Small conveniences only: the page is complete without this script. */
(function () {
  "use strict";
  var controls = document.querySelector(".controls");
  if (!controls) { return; }
  controls.hidden = false;
  var boxes = Array.prototype.slice.call(controls.querySelectorAll(".boxes input"));

  /* Hide every block that belongs only to articles the reader has unticked. */
  function applyFilter() {
    var shown = new Set();
    boxes.forEach(function (box) { if (box.checked) { shown.add(box.value); } });
    document.querySelectorAll("main [data-articles]").forEach(function (el) {
      var ids = (el.getAttribute("data-articles") || "").split(" ").filter(Boolean);
      var visible = ids.length === 0 || ids.some(function (id) { return shown.has(id); });
      el.classList.toggle("filtered-out", !visible);
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", applyFilter); });

  controls.querySelectorAll("[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle(box.getAttribute("data-toggle"), !box.checked);
    });
  });
})();
