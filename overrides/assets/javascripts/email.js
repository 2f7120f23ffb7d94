/* Published e-mail addresses are written into pages as "name (at) domain"
   ("(собака)" in Russian: the label email_at of data/labels.yml),
   with both parts reversed in data attributes, so that simple address
   harvesters find no "mailto:" and no "name@domain" in the files. Here, in the
   visitor's browser, each becomes an ordinary mailto: link. Without
   JavaScript that text still reads well, also to screen readers. */
(function () {
  function reversed(text) { return text.split("").reverse().join(""); }
  function reveal() {
    document.querySelectorAll("span.bsr-email[data-user][data-domain]").forEach(function (span) {
      var address = reversed(span.dataset.user) + "@" + reversed(span.dataset.domain);
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      span.replaceWith(link);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
