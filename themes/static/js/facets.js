/* Progressive enhancement for filter panels: on a narrow screen, a panel with
   no active filter starts folded so the results come first. Without
   JavaScript every panel stays open and the page works the same. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 51.99rem)").matches) {
    return;
  }
  document.querySelectorAll("details[data-fold-when-narrow]").forEach(function (panel) {
    if (!panel.querySelector("input:checked")) {
      panel.open = false;
    }
  });
})();
