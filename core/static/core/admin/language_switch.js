// Switching the interface language reloads the page: a form with changes not yet saved asks
// first, and so does leaving the page any other way (beforeunload). Nothing changed: no question.
// A change is what the user typed or ticked in a form that posts (not the list's row boxes or
// its search); saving the form is not leaving it.
(function () {
  var changed = false;
  var IGNORED = "input.action-select, #action-toggle, select[name=action], .language-switcher *";

  function counts(event) {
    var form = event.target.form || (event.target.closest && event.target.closest("form"));
    return event.isTrusted && form && form.method === "post" && !event.target.matches(IGNORED);
  }

  function mark(event) {
    if (counts(event)) {
      changed = true;
    }
  }

  document.addEventListener("input", mark, true);
  document.addEventListener("change", mark, true);
  document.addEventListener("submit", function (event) {
    var switcher = event.target.closest(".language-switcher");
    if (!switcher) {
      changed = false; // saving the form: its changes go with it
      return;
    }
    if (changed && !window.confirm(switcher.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    changed = false; // the user chose to leave: no second question on unload
  });
  window.addEventListener("beforeunload", function (event) {
    if (changed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
