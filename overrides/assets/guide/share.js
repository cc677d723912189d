/* "Copy link to this section": a button under each section heading, so a helpline worker or a
   practitioner can send a link straight to one answer. It copies the page address with the
   heading's #anchor and says so to screen readers. Without JavaScript there is no button; the
   heading's permalink (the pilcrow) still links to the section. */
(function () {
  "use strict";
  var words = document.querySelector("[data-guide-share]");
  var status = document.querySelector("[data-guide-share-status]");
  if (!words || !status) return;
  var headings = document.querySelectorAll(".md-content .md-typeset h2[id], .md-content .md-typeset h3[id]");

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

  Array.prototype.forEach.call(headings, function (heading) {
    if (/^letter-/.test(heading.id)) return;  // the glossary's A, B, C headings
    var button = document.createElement("button");
    button.type = "button";
    button.className = "guide-copy-link";
    button.textContent = words.getAttribute("data-copy");
    button.setAttribute("aria-describedby", heading.id);
    button.addEventListener("click", function () {
      var address = location.href.split("#")[0] + "#" + heading.id;
      copy(address).then(function () {
        status.textContent = "";
        status.textContent = words.getAttribute("data-copied");
        button.textContent = words.getAttribute("data-copied");
        setTimeout(function () { button.textContent = words.getAttribute("data-copy"); }, 3000);
      });
    });
    heading.insertAdjacentElement("afterend", button);
  });
})();
