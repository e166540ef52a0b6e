/*
 * Home page highlights banner: turns the plain list of highlights into a rotating banner.
 * Without this script every highlight stays visible as a list. Follows the WAI-ARIA
 * carousel pattern: a Pause/Play button, previous/next buttons, no rotation while the
 * pointer or keyboard focus is inside, none at all under prefers-reduced-motion, and
 * announcements (aria-live="polite") only when the rotation is not running.
 */
(function () {
  "use strict";

  var INTERVAL = 7000;

  function button(className, html) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "highlights__button " + className;
    el.innerHTML = html;
    return el;
  }

  function enhance(banner) {
    var list = banner.querySelector(".highlights__list");
    var slides = Array.prototype.slice.call(banner.querySelectorAll("[data-highlight]"));
    if (!list || slides.length < 2) return;

    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var current = 0;
    var playing = !reduceMotion; // the user's choice: Play or Pause
    var suspended = false; // pointer or focus inside the banner
    var timer = null;

    banner.classList.add("highlights--enhanced");
    banner.setAttribute("aria-roledescription", "carousel");
    list.id = list.id || "highlights-slides";
    // Slides stay list items (a list is what they are without this script), described as
    // slides and numbered.
    slides.forEach(function (slide, i) {
      slide.setAttribute("aria-roledescription", "slide");
      slide.setAttribute("aria-label", (i + 1) + " of " + slides.length);
    });

    var controls = document.createElement("div");
    controls.className = "highlights__controls";
    var pause = button("highlights__pause", "");
    var prev = button("highlights__prev", '<span aria-hidden="true">‹</span> Previous<span class="visually-hidden"> highlight</span>');
    var next = button("highlights__next", 'Next<span class="visually-hidden"> highlight</span> <span aria-hidden="true">›</span>');
    var status = document.createElement("p");
    status.className = "highlights__status";
    status.setAttribute("aria-hidden", "true");
    pause.setAttribute("aria-controls", list.id);
    prev.setAttribute("aria-controls", list.id);
    next.setAttribute("aria-controls", list.id);
    controls.appendChild(pause);
    controls.appendChild(prev);
    controls.appendChild(status);
    controls.appendChild(next);
    list.parentNode.insertBefore(controls, list);

    function render() {
      slides.forEach(function (slide, i) {
        slide.hidden = i !== current;
      });
      status.textContent = (current + 1) + " / " + slides.length;
      pause.innerHTML = playing
        ? '<span aria-hidden="true">❚❚</span> Pause<span class="visually-hidden"> highlights</span>'
        : '<span aria-hidden="true">▶</span> Play<span class="visually-hidden"> highlights</span>';
      pause.setAttribute("data-state", playing ? "playing" : "paused");
      // Announce slide changes only when people cause them, never while rotating.
      list.setAttribute("aria-live", playing && !suspended ? "off" : "polite");
    }

    function schedule() {
      window.clearInterval(timer);
      timer = null;
      if (playing && !suspended) {
        timer = window.setInterval(function () {
          current = (current + 1) % slides.length;
          render();
        }, INTERVAL);
      }
    }

    function show(index) {
      current = (index + slides.length) % slides.length;
      render();
    }

    pause.addEventListener("click", function () {
      playing = !playing;
      render();
      schedule();
    });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });

    function suspend(value) {
      suspended = value;
      render();
      schedule();
    }
    banner.addEventListener("mouseenter", function () { suspend(true); });
    banner.addEventListener("mouseleave", function () { suspend(banner.contains(document.activeElement)); });
    banner.addEventListener("focusin", function () { suspend(true); });
    banner.addEventListener("focusout", function (event) {
      if (!banner.contains(event.relatedTarget)) suspend(banner.matches(":hover"));
    });

    render();
    schedule();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-highlights]"), enhance);
})();
