// The unit chooser of the task forms (campaign/includes/unit_chooser.html).
// The "all", branch and kind boxes tick their units as you go and show, ticked or half-ticked,
// how many of their units are chosen; the server adds the same units when they arrive ticked,
// so what is sent is what is seen. A filter by name narrows the list.
(function () {
  "use strict";

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function setUp(root) {
    var units = Array.prototype.slice.call(root.querySelectorAll('input[type="checkbox"][name$="units"]:not([name$="all_units"])'));
    var all = root.querySelector('input[name$="all_units"]');
    var branches = Array.prototype.slice.call(root.querySelectorAll('input[name$="branches"]'));
    var kinds = Array.prototype.slice.call(root.querySelectorAll('input[name$="kinds"]'));
    var chosenCount = root.querySelector("[data-chosen-count]");

    function members(box) {
      if (box === all) return units;
      if (box.name.slice(-8) === "branches") {
        return units.filter(function (unit) { return (" " + unit.dataset.branches + " ").indexOf(" " + box.value + " ") !== -1; });
      }
      return units.filter(function (unit) { return unit.dataset.kind === box.value; });
    }

    var groups = [all].concat(branches, kinds).filter(Boolean);

    function sync() {
      groups.forEach(function (box) {
        var list = members(box);
        var ticked = list.filter(function (unit) { return unit.checked; }).length;
        box.checked = list.length > 0 && ticked === list.length;
        box.indeterminate = ticked > 0 && ticked < list.length;
      });
      var count = units.filter(function (unit) { return unit.checked; }).length;
      chosenCount.textContent = "Đã chọn " + count + "/" + units.length + " đơn vị.";
    }

    groups.forEach(function (box) {
      box.addEventListener("change", function () {
        members(box).forEach(function (unit) { unit.checked = box.checked; });
        sync();
      });
    });
    units.forEach(function (unit) { unit.addEventListener("change", sync); });

    var filterBox = root.querySelector("[data-unit-filter]");
    var filter = filterBox.querySelector('input[type="search"]');
    var chooseFound = filterBox.querySelector("[data-choose-found]");
    var found = filterBox.querySelector("[data-filter-count]");

    function visibleUnits() {
      return units.filter(function (unit) { return !unit.closest("[data-unit-option]").hidden; });
    }

    function applyFilter() {
      var query = plain(filter.value.trim());
      units.forEach(function (unit) {
        unit.closest("[data-unit-option]").hidden = query !== "" && plain(unit.dataset.name).indexOf(query) === -1;
      });
      var shown = visibleUnits().length;
      found.textContent = query === "" ? "" : "Tìm thấy " + shown + " đơn vị.";
      chooseFound.hidden = query === "" || shown === 0;
      chooseFound.textContent = "Chọn " + shown + " đơn vị tìm thấy";
    }

    filter.addEventListener("input", applyFilter);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // Enter filters; it does not send the form.
    });
    chooseFound.addEventListener("click", function () {
      visibleUnits().forEach(function (unit) { unit.checked = true; });
      sync();
    });
    filterBox.hidden = false;
    // A form sent back with an error keeps its ticked group boxes: show their units ticked too.
    groups.forEach(function (box) {
      if (box.checked) members(box).forEach(function (unit) { unit.checked = true; });
    });
    sync();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-unit-chooser]"), setUp);
  });
})();
