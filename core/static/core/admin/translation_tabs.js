/* Names the language tabs of modeltranslation's tabbed fields in their own language
   ("English", "简体中文") rather than by code, taking the names from the admin's
   language switcher (its data-content-name: the buttons themselves say "Interface: English")
   so there is one list of languages. Runs once the tabs exist,
   and again when an inline row (with new tabs) is added. */
(function () {
  "use strict";

  function languageNames() {
    var names = {};
    document.querySelectorAll(".language-switcher button[name=language]").forEach(function (button) {
      names[button.value] = button.dataset.contentName || button.textContent.trim();
    });
    return names;
  }

  function relabel() {
    var names = languageNames();
    document.querySelectorAll(".ui-tabs-nav a, #modeltranslation-main-switch option").forEach(function (el) {
      var code = el.dataset.languageCode || el.textContent.trim().toLowerCase();
      if (names[code]) {
        el.dataset.languageCode = code;
        el.lang = code;
        el.textContent = names[code];
      }
    });
  }

  // modeltranslation builds its tabs in a jQuery ready handler; ready handlers run in
  // the order they were added, and this file loads after modeltranslation's.
  django.jQuery(relabel);
  document.addEventListener("formset:added", function () { window.setTimeout(relabel, 0); });
  document.addEventListener("click", function (event) {
    if (event.target.closest(".add-row")) {
      window.setTimeout(relabel, 0);
    }
  });
})();
