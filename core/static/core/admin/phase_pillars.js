// The activity form's pillars: only those of the phase chosen above are shown. The tick-boxes
// carry data-phase (activities.forms.PhasePillarsWidget); without this script all are offered,
// each labelled with its phase, and the server refuses pillars of another phase.
// A ticked pillar of another phase stays visible, so that nothing is unticked out of sight.
document.addEventListener("DOMContentLoaded", function () {
  var phase = document.getElementById("id_phase");
  var boxes = document.querySelectorAll("input[type=checkbox][data-phase]");
  if (!phase || !boxes.length) {
    return;
  }
  function narrow() {
    boxes.forEach(function (box) {
      // Django renders each choice as <div><label><input> name</label></div>; the admin's CSS
      // displays labels, so the row is hidden by its style (CSSOM: allowed by the CSP).
      var label = box.closest("label") || box;
      var row = label.parentNode.querySelectorAll("input[data-phase]").length === 1 ? label.parentNode : label;
      var other = Boolean(phase.value) && box.dataset.phase !== phase.value && !box.checked;
      row.style.display = other ? "none" : "";
    });
  }
  phase.addEventListener("change", narrow);
  boxes.forEach(function (box) {
    box.addEventListener("change", narrow);
  });
  narrow();
});
