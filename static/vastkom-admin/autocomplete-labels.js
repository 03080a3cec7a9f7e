/* Give every autocomplete search box (select2) the name of its field, for screen readers.
 *
 * select2 draws its own text box next to the hidden <select>; that box has no label, so a
 * screen reader announces only "sökfält". The field's <label> names it here, now and whenever
 * select2 draws the box again (after each choice, and in the drop-down list). The "clear all"
 * cross select2 puts inside its list of choices moves just before the list, where a list may
 * hold it (a <ul> holds only <li>). */
"use strict";
(function () {
  function fieldLabel(select) {
    if (!select || !select.id) return "";
    var label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function selectFor(box) {
    // An inline box (several choices) sits in the container that follows its <select>.
    var container = box.closest(".select2-container");
    if (container && container.previousElementSibling && container.previousElementSibling.tagName === "SELECT") {
      return container.previousElementSibling;
    }
    // The drop-down's box controls "select2-<select id>-results".
    var controls = box.getAttribute("aria-controls") || "";
    var match = controls.match(/^select2-(.+)-results$/);
    return match ? document.getElementById(match[1]) : null;
  }

  function tidyChoiceLists(root) {
    root.querySelectorAll(".select2-selection__rendered > .select2-selection__clear").forEach(function (cross) {
      var list = cross.parentNode;
      list.parentNode.insertBefore(cross, list);
    });
  }

  function labelBoxes(root) {
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (box) {
      var name = fieldLabel(selectFor(box));
      if (name) box.setAttribute("aria-label", name);
    });
    root.querySelectorAll(".select2-selection[role=combobox]:not([aria-label])").forEach(function (combo) {
      var container = combo.closest(".select2-container");
      var name = fieldLabel(container && container.previousElementSibling);
      if (name) combo.setAttribute("aria-label", name);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelBoxes(document);
    tidyChoiceLists(document);
    new MutationObserver(function () {
      labelBoxes(document);
      tidyChoiceLists(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
