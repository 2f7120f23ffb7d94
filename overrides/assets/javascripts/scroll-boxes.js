/* Wide tables on narrow screens (WCAG 2.1 SC 1.4.10, 2.1.1): Material puts
   each Markdown table in a box (.md-typeset__scrollwrap) that scrolls sideways
   when the table is wider than the page. While it scrolls, the box is made
   reachable with the keyboard (tabindex="0", so the arrow keys scroll it) and
   named for screen readers ("Table: " and the heading above it); when it does
   not scroll (a wide screen), it is no stop for the Tab key. Checked again
   when the window changes size. Each box checked carries data-bsr-scroll. */
(function () {
  var WORD = { ru: "Таблица", en: "Table" };

  function heading(box) {
    for (var el = box.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) {
        var copy = el.cloneNode(true);
        copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
        return copy.textContent.trim();
      }
    }
    return document.title.split(" - ")[0];
  }

  function check() {
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", (WORD[lang] || WORD.en) + ": " + (caption ? caption.textContent.trim() : heading(box)));
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
      box.dataset.bsrScroll = scrolls ? "yes" : "no";
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(check);
  } else {
    window.addEventListener("load", check);
  }
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  });
})();
