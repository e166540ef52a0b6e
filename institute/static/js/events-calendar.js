// Calendar filters: without JavaScript the form submits as a normal GET. With it, a changed
// filter fetches the same URL and updates the page in place: the kinds, the results, the
// counts beside each option and the result count. The form itself is never replaced, so the
// focus stays on the control that was used, and the result count is a live region whose text
// changes in place, so screen readers announce it.
//
// Arrow keys move through radios and the options of a closed select, and each step fires
// "change". A change made with the keyboard is applied when the person stops (a pause, Enter,
// or leaving the control), not on every step; a click applies at once.
(function () {
  "use strict";
  var region = document.querySelector("[data-calendar]");
  var form = region && region.querySelector("[data-calendar-form]");
  if (!form || !window.fetch || !window.history || !window.DOMParser) return;

  var KEY_SETTLE_MS = 900;
  var lastKeyAt = 0;
  var pending = null; // timer of a keyboard change waiting to be applied
  var latest = 0; // number of the newest request: older answers are dropped

  function urlFor() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "" && !(key === "when" && value === "upcoming")) params.append(key, value);
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function swap(selector, fresh) {
    var old = region.querySelector(selector);
    var next = fresh.querySelector(selector);
    if (old && next) old.innerHTML = next.innerHTML;
    else if (old && !next) old.innerHTML = "";
  }

  function copyCounts(fresh) {
    // The option texts carry counts; copy them without touching values, selection or focus.
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      var other = fresh.querySelector("#" + select.id);
      if (!other) return;
      if (other.options.length === select.options.length) {
        Array.prototype.forEach.call(select.options, function (option, i) {
          option.textContent = other.options[i].textContent;
        });
      } else if (document.activeElement !== select) {
        var value = select.value;
        select.innerHTML = other.innerHTML;
        select.value = value;
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (radio) {
      var mine = radio.parentNode.querySelector("[data-calendar-label]");
      var other = fresh.querySelector("#" + radio.id);
      var theirs = other && other.parentNode.querySelector("[data-calendar-label]");
      if (mine && theirs) mine.textContent = theirs.textContent;
    });
  }

  function load(url, push) {
    var number = ++latest;
    window.clearTimeout(pending);
    pending = null;
    region.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (number !== latest) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("[data-calendar]");
        if (!fresh) { window.location.assign(url); return; }
        swap("[data-calendar-kinds]", fresh);
        swap("[data-calendar-results]", fresh);
        copyCounts(fresh);
        var toggle = region.querySelector(".filter-panel__toggle");
        var freshToggle = fresh.querySelector(".filter-panel__toggle");
        if (toggle && freshToggle) toggle.textContent = freshToggle.textContent;
        var count = region.querySelector("[data-calendar-count]");
        var freshCount = fresh.querySelector("[data-calendar-count]");
        if (count && freshCount && count.textContent !== freshCount.textContent) {
          count.textContent = freshCount.textContent;
        }
        document.title = doc.title;
        var canonical = doc.querySelector('link[rel="canonical"]');
        var target = canonical ? new URL(canonical.href).pathname + new URL(canonical.href).search : url;
        if (push) window.history.pushState({ calendar: true }, "", target);
      })
      .catch(function () { window.location.assign(url); })
      .finally(function () { if (number === latest) region.removeAttribute("aria-busy"); });
  }

  function applySoon() {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { load(urlFor(), true); }, KEY_SETTLE_MS);
  }

  form.addEventListener("keydown", function (event) {
    lastKeyAt = Date.now();
    if (event.key === "Enter" && pending && event.target.tagName !== "INPUT") {
      event.preventDefault();
      load(urlFor(), true);
    }
  });

  form.addEventListener("change", function (event) {
    if (event.target.name === "q") return; // the search box waits for Enter or "Show"
    if (Date.now() - lastKeyAt < 500) applySoon();
    else load(urlFor(), true);
  });

  // Leaving a control with a keyboard change still waiting applies it.
  form.addEventListener("focusout", function (event) {
    if (!pending) return;
    var next = event.relatedTarget;
    var sameGroup = next && next.name && next.name === event.target.name;
    if (!sameGroup) load(urlFor(), true);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(urlFor(), true);
  });

  window.addEventListener("popstate", function () {
    // Back and forward: the address is the truth; reload the form's state from it too.
    window.location.reload();
  });
})();
