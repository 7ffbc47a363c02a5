// The rich-text toolbar's tooltips in the user's language. django-prose-editor 0.28 writes fixed
// English titles ("bold", "heading 2") into its buttons; the textarea it replaces carries the
// translations (data-editor-titles, core.admin.EditorTitlesWidget). The editor is built by a
// module after this runs, and again when an inline row is added: buttons are relabelled as
// they appear.
(function () {
  function titlesFor(button) {
    var editor = button.closest(".prose-editor");
    var source = editor && editor.querySelector("textarea[data-editor-titles]");
    if (!source) {
      source = document.querySelector("textarea[data-editor-titles]");
    }
    return source ? JSON.parse(source.dataset.editorTitles) : {};
  }

  function relabel(root) {
    root.querySelectorAll(".prose-menubar__button[title]").forEach(function (button) {
      var english = button.dataset.englishTitle || button.getAttribute("title");
      var title = titlesFor(button)[english];
      if (title) {
        button.dataset.englishTitle = english;
        button.title = title;
        button.setAttribute("aria-label", title);
      }
    });
  }

  new MutationObserver(function () {
    relabel(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    relabel(document);
  });
})();
