// The export page's "Select all" box, bound here instead of by an inline onchange attribute,
// which the Content-Security-Policy forbids. onSelectToggleChange comes with django-import-export.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (box) {
    box.addEventListener("change", onSelectToggleChange);
  });
});
