// Material's script only when the reader first does something.
//
// Material's bundle is 114 KB (35 KB gzip) and keeps a cheap phone's processor busy for a quarter
// of a second or more as a page opens. Nothing a reader needs first waits for it: the text, the
// menus, the drawer, the language menu, the links and "Exit this page" are HTML and CSS. So the
// page loads without it, and this script fetches it (with lazy-search.js, which must run before
// it) at the reader's first touch, click, key or mouse wheel. What must work on that very first
// action is done here: the search box opens with the cursor in it (the letters typed wait there
// for the search), the search shortcut ("/", "s", "f") opens it, and the colour switch switches.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = document.documentElement;
  // Scripts run: show the search button and box (guide.css). Material's own "no-js" class stays
  // until its bundle runs, as Material's styles expect.
  root.classList.add("guide-js");

  var requested = false;
  function loadMaterial() {
    if (requested) return;
    requested = true;
    var sources = [script.getAttribute("data-search"), script.getAttribute("data-bundle")];
    var last = null;
    sources.forEach(function (source) {
      last = document.createElement("script");
      last.src = source;
      last.async = false;  // in this order: lazy-search.js wraps what the bundle uses
      document.body.appendChild(last);
    });
    last.addEventListener("load", function () {
      // The bundle starts on DOMContentLoaded; when it arrives later, it is told once more.
      if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
    });
  }

  var search = document.getElementById("__search");
  var query = document.querySelector(".md-search__input");
  function openSearch() {
    if (!search || !query) return;
    if (!search.checked) {
      search.checked = true;
      search.dispatchEvent(new Event("change", { bubbles: true }));
    }
    query.focus();
  }
  // A tap on the search button opens the box by CSS; the cursor goes into it at once, so the
  // phone's keyboard comes up and nothing typed is lost while the bundle arrives.
  if (search) {
    search.addEventListener("change", function () { if (search.checked && query) query.focus(); });
  }

  function isTextBox(target) {
    return target && (/^(input|textarea|select)$/i.test(target.tagName || "") || target.isContentEditable);
  }
  function inExit(target) {
    return target && target.closest && target.closest("[data-guide-exit]");
  }
  // A reader who leaves with "Exit this page" spends nothing on Material's script.
  ["pointerdown", "touchstart", "wheel", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) { if (!inExit(event.target)) loadMaterial(); },
      { capture: true, passive: true });
  });
  document.addEventListener("keydown", function (event) {
    var key = event.key;
    if (key === "Shift" || key === "Control" || key === "Alt" || key === "Meta") return;  // Shift x3 exits
    if (inExit(event.target) && key === "Enter") return;
    var shortcut = key === "/" || key === "s" || key === "f" || key === "S" || key === "F";
    if (!root.classList.contains("js") && shortcut && !event.ctrlKey && !event.metaKey && !event.altKey &&
        !isTextBox(event.target) && !(search && search.checked)) {
      event.preventDefault();  // as Material does: the key opens search and is not typed into it
      openSearch();
    }
    loadMaterial();
  }, true);

  // The colour switch, until the bundle takes over (and alongside it: both do the same): the
  // next scheme, remembered where Material keeps it.
  var inputs = Array.prototype.slice.call(document.querySelectorAll("[data-md-component=palette] input"));
  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () {
      var color = { media: input.getAttribute("data-md-color-media") };
      var shown = input;
      if (color.media === "(prefers-color-scheme)") {  // "automatic": the scheme the device asks for
        var light = matchMedia("(prefers-color-scheme: light)").matches;
        shown = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']") || input;
      }
      ["scheme", "primary", "accent"].forEach(function (key) { color[key] = shown.getAttribute("data-md-color-" + key); });
      Object.keys(color).forEach(function (key) { document.body.setAttribute("data-md-color-" + key, color[key]); });
      inputs.forEach(function (other, n) {
        var label = other.nextElementSibling;
        if (label && label.tagName === "LABEL") label.hidden = n !== index;
      });
      if (window.__md_set) window.__md_set("__palette", { index: index, color: color });
    });
  });

  // A link that opens with a search (?q=), or a search result, whose words Material marks (?h=):
  // the reader has just searched, so the script is already on the phone.
  if (/[?&][qh]=/.test(location.search)) loadMaterial();
})();
