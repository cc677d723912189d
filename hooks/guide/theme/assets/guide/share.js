/* "Copy link to this section": a link after each section heading (written by the build, so it
   takes its place from the start), so a helpline worker or a practitioner can send a link straight
   to one answer. Without JavaScript it is a link to the section; with it, it copies the page address
   with the heading's #anchor and says so to screen readers. */
(function () {
  "use strict";
  var words = document.querySelector("[data-guide-share]");
  var status = document.querySelector("[data-guide-share-status]");
  if (!words || !status) return;

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // file:// and plain http: the older way, through a selected text field.
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var done = document.execCommand("copy");
      document.body.removeChild(field);
      done ? resolve() : reject(new Error("copy refused"));
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.guide-copy-link"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var address = location.href.split("#")[0] + link.getAttribute("href");
      copy(address).then(function () {
        status.textContent = "";
        status.textContent = words.getAttribute("data-copied");
        // The link's words are its name (shown as an icon, with a tooltip): a tick while copied.
        var name = link.querySelector(".guide-visually-hidden") || link;
        name.textContent = words.getAttribute("data-copied");
        link.classList.add("guide-copy-link--copied");
        setTimeout(function () {
          name.textContent = words.getAttribute("data-copy");
          link.classList.remove("guide-copy-link--copied");
        }, 3000);
      });
    });
  });
})();
