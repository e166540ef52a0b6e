/*
 * Disclosures for narrow screens: the header's "Search" and "Menu" buttons and a listing's
 * "Filter" button. The server renders every panel open and every button hidden, so without
 * this script the page works as it is. With it, each [data-disclosure-toggle] button is shown,
 * its panel (aria-controls) starts collapsed and the button's aria-expanded says so.
 * The stylesheet hides the buttons and ignores the collapsed state on wide screens
 * (docs/content.md, "Design system").
 */
(function () {
  "use strict";

  function panelOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function set(button, open) {
    var panel = panelOf(button);
    if (!panel) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.setAttribute("data-collapsed", open ? "false" : "true");
  }

  var toggles = Array.prototype.slice.call(document.querySelectorAll("[data-disclosure-toggle]"));
  toggles.forEach(function (button) {
    if (!panelOf(button)) return;
    // A panel with an error or a just-used control inside stays open.
    var keepOpen = button.hasAttribute("data-disclosure-open");
    button.hidden = false;
    set(button, keepOpen);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      // In the header one panel at a time: opening search closes the menu and back.
      if (open && button.closest("[data-site-header]")) {
        toggles.forEach(function (other) {
          if (other !== button && other.closest("[data-site-header]")) set(other, false);
        });
      }
      set(button, open);
    });
  });

  // Escape closes the panel the focus is in and returns focus to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    toggles.forEach(function (button) {
      var panel = panelOf(button);
      if (button.getAttribute("aria-expanded") === "true" && panel && button.offsetParent !== null &&
          (panel.contains(document.activeElement) || button === document.activeElement)) {
        set(button, false);
        button.focus();
      }
    });
  });
})();
