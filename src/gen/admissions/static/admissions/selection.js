// The applicants' table: tick every row of the page at once, and show only the fields the chosen
// bulk action uses. Without JavaScript every field shows, each saying which action it is for.
(function () {
  function setUp(root) {
    var form = root.querySelector("#bulk-form");
    if (!form) return;
    var selectAll = form.querySelector("[data-select-all]");
    var boxes = form.querySelectorAll("input[name=ids]");
    if (selectAll) {
      selectAll.hidden = false;
      var box = selectAll.querySelector("input");
      box.addEventListener("change", function () {
        boxes.forEach(function (row) { row.checked = box.checked; });
      });
    }
    var action = form.querySelector("select[name=action]");
    function showFields() {
      form.querySelectorAll("[data-for-action]").forEach(function (element) {
        element.hidden = element.dataset.forAction !== action.value;
      });
    }
    action.addEventListener("change", showFields);
    showFields();
  }
  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  // htmx replaces the table as filters change.
  document.addEventListener("htmx:afterSwap", function () { setUp(document); });
})();
