/* Filters for lists (the calendar): choose a type or a country and the list
   shows only the matching entries. Everything happens in the page: nothing is
   stored or sent, and it works offline. Without JavaScript the controls stay
   hidden and the whole list shows.

   Markup (written by the macros in overrides/macros/site.html):
     <div class="bsr-filters" data-filters="ID" hidden> <select data-filter="type"> ... </div>
     <div id="ID"> ... <div class="bsr-item" data-type="..." data-country="..."> ... </div>
   Headings with class bsr-group hide when none of their entries shows. */
(function () {
  function apply(controls, list) {
    var wanted = {};
    controls.querySelectorAll("select[data-filter]").forEach(function (select) {
      wanted[select.dataset.filter] = select.value;
    });
    var shown = 0;
    list.querySelectorAll(".bsr-item").forEach(function (item) {
      var match = Object.keys(wanted).every(function (key) {
        var values = (item.dataset[key] || "").split(" ");
        // "*": the entry concerns every value (a regional contact, say).
        return !wanted[key] || values.indexOf(wanted[key]) >= 0 || values.indexOf("*") >= 0;
      });
      item.hidden = !match;
      if (match) shown += 1;
    });
    list.querySelectorAll(".bsr-group").forEach(function (group) {
      var items = list.querySelectorAll('.bsr-item[data-group="' + group.dataset.group + '"]');
      group.hidden = !Array.prototype.some.call(items, function (item) { return !item.hidden; });
    });
    var count = controls.querySelector(".bsr-filter-count");
    if (count) count.textContent = count.dataset.template.replace("#", shown);
  }
  function setup() {
    document.querySelectorAll(".bsr-filters[data-filters]").forEach(function (controls) {
      var list = document.getElementById(controls.dataset.filters);
      if (!list) return;
      controls.hidden = false;
      controls.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { apply(controls, list); });
      });
      apply(controls, list);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
