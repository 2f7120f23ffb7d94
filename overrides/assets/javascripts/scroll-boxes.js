/* Wide tables on narrow screens (WCAG 2.1 SC 1.4.10 Reflow, 2.1.1 Keyboard).
   Material puts each Markdown table in a box (.md-typeset__scrollwrap) that
   scrolls sideways when the table is wider than the page. Here:
   - a table too wide for the screen is first laid out as cards, a row each,
     every cell headed by its column's name (class bsr-stacked, site.css);
   - a table still too wide (no header row, say) scrolls in its box, which is
     then reachable with the keyboard (tabindex="0": the arrow keys scroll it)
     and named for screen readers ("Table: " and the heading above it);
   - on a screen wide enough, the table is a table again and its box no stop
     for the Tab key.
   Checked again when the window changes size. Each box checked carries
   data-bsr-scroll ("yes" or "no"); without JavaScript wide tables scroll. */
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

  function label(table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!names.length) return false;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (names[i]) cell.setAttribute("data-label", names[i]);
      });
    });
    return true;
  }

  function scrolls(box) {
    return box.scrollWidth > box.clientWidth + 1;
  }

  function check() {
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var table = box.querySelector("table");
      if (table) {
        table.classList.remove("bsr-stacked");
        if (scrolls(box) && label(table)) table.classList.add("bsr-stacked");
      }
      var wide = scrolls(box);
      if (wide) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", (WORD[lang] || WORD.en) + ": " + (caption ? caption.textContent.trim() : heading(box)));
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
      box.dataset.bsrScroll = wide ? "yes" : "no";
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
