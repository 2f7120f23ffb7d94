/* The self-assessment tools: as a young person marks one statement per area
   of life, the section under the table shows the choices as a picture (each
   area at its level), in words, and as a count; "Print" prints the page and
   "Clear" unmarks everything.

   Privacy: what a young person marks can be sensitive, and the page may be
   open on a shared computer. So the choices live only in the page itself, in
   its radio buttons: this script stores nothing (no localStorage,
   sessionStorage, IndexedDB or cookies) and sends nothing (no fetch, no
   XMLHttpRequest, no beacon, no form). Closing or reloading the page forgets
   them; printing is the way to keep them. A browser that restores a form's
   state on reload (Firefox) would bring them back: the script unmarks every
   radio when the page loads (autocomplete="off", which once did this, is not
   valid HTML on radio buttons).

   Without JavaScript the radios still work and can be printed; the section
   stays hidden (it has the hidden attribute in the HTML).

   Markup (written by the self_assessment macro, overrides/macros/tools.html):
     <div class="bsr-tool" data-tool="ID">
       <table> <tr data-area="AREA"> <input type="radio" value="1|2|3"> ...
       <section class="bsr-result" hidden>
         <p role="status" data-template="... {done} ... {total} ...">
         <div class="bsr-picture"> <span data-level-name="N">name</span>
           <div class="bsr-picture-row" data-area="AREA" data-level="0"> ...
         <ul data-unanswered="..."> <li data-area="AREA" data-level="0">
           <span class="bsr-result-level">
         <button data-action="print|clear">
   Levels are numbered from 1, the best; data-level="0" is "not answered yet".
   Only attributes and textContent are set: no HTML is built from text. */
(function () {
  function byArea(container, selector) {
    var found = {};
    container.querySelectorAll(selector).forEach(function (element) {
      found[element.dataset.area] = element;
    });
    return found;
  }

  function setup(tool) {
    var result = tool.querySelector(".bsr-result");
    if (!result) return;
    var rows = Array.prototype.slice.call(tool.querySelectorAll("tbody tr[data-area]"));
    var pictureRows = byArea(result, ".bsr-picture-row[data-area]");
    var listItems = byArea(result, ".bsr-result-list li[data-area]");
    var list = result.querySelector(".bsr-result-list");
    var status = result.querySelector(".bsr-result-status");
    var names = {};
    result.querySelectorAll("[data-level-name]").forEach(function (element) {
      names[element.dataset.levelName] = element.textContent;
    });

    function update() {
      var done = 0;
      var counts = {};
      rows.forEach(function (row) {
        var area = row.dataset.area;
        var checked = row.querySelector("input[type=radio]:checked");
        var level = checked ? checked.value : "0";
        if (checked) {
          done += 1;
          counts[level] = (counts[level] || 0) + 1;
        }
        if (pictureRows[area]) pictureRows[area].dataset.level = level;
        var item = listItems[area];
        if (item) {
          item.dataset.level = level;
          item.querySelector(".bsr-result-level").textContent =
            checked ? names[level] : list.dataset.unanswered;
        }
      });
      var text = status.dataset.template.replace("{done}", done).replace("{total}", rows.length);
      if (done) {
        text += " " + Object.keys(names).map(function (level) {
          return names[level] + ": " + (counts[level] || 0);
        }).join("; ") + ".";
      }
      status.textContent = text;
    }

    tool.querySelector("table").addEventListener("change", update);
    result.querySelector("[data-action=print]").addEventListener("click", function () {
      window.print();
    });
    result.querySelector("[data-action=clear]").addEventListener("click", function () {
      tool.querySelectorAll("tbody input[type=radio]").forEach(function (radio) {
        radio.checked = false;
      });
      update();
    });
    // A page just loaded holds no choice of this visit: unmark what the browser restored.
    tool.querySelectorAll("tbody input[type=radio]").forEach(function (radio) {
      radio.checked = false;
    });
    // A page brought back from the browser's back/forward cache keeps its radios.
    window.addEventListener("pageshow", update);
    update();
    result.hidden = false;
  }

  function start() {
    document.querySelectorAll(".bsr-tool[data-tool]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
