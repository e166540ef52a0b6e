// Move focus to a form's error summary so keyboard and screen-reader users hear the problems
// first; its links then take them to each field. Loaded on every page by base.html; works
// without it too, since the summary is first in the form's column.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
