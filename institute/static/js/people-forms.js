// Move focus to a form's error summary so keyboard and screen-reader users hear the problems
// first; its links then take them to each field. Works without it: the summary is at the top.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
