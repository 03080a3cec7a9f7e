// Subscription form: the topic checkboxes only count for "Nyheter inom de ämnen jag väljer",
// so they are disabled while "Alla nyheter" is chosen. Without JavaScript they stay enabled and
// the help text says when they count (the server ignores them for "Alla nyheter").
(function () {
  "use strict";
  var groups = document.querySelectorAll("fieldset[data-topics-for]");
  Array.prototype.forEach.call(groups, function (fieldset) {
    var form = fieldset.closest("form");
    if (!form) {
      return;
    }
    var name = fieldset.getAttribute("data-topics-for");
    var offWhen = fieldset.getAttribute("data-off-when");
    var radios = form.querySelectorAll('input[type="radio"][name="' + name + '"]');
    function update() {
      var chosen = form.querySelector('input[type="radio"][name="' + name + '"]:checked');
      fieldset.disabled = Boolean(chosen) && chosen.value === offWhen;
    }
    Array.prototype.forEach.call(radios, function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  });
})();
