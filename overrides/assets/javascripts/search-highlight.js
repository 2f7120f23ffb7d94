/*
 * Marks, on the page opened from a search result, the words that were found.
 *
 * Material's search (with the site's addition, scripts/sitedata/search_worker.js)
 * opens a result with ?h=<stems>: «торгов» for «торговля», «ребен» for
 * «ребенок». Material marks only the letters of the stem, and none in a word
 * written with ё («ребёнка»). This script takes the stems out of the address
 * before Material reads it (it runs before the page's DOMContentLoaded, on
 * which Material sets up the page) and marks every whole word of the content
 * that starts with one, compared as the search compares (lower case, ё as е,
 * no stress mark nor soft hyphen), in the same <mark> as Material's.
 */
(function () {
  var url = new URL(window.location.href)
  var query = url.searchParams.get("h")
  if (!query) return
  url.searchParams.delete("h")
  window.history.replaceState(window.history.state, "", url.href)

  function normalise(text) {
    return text.toLowerCase().replace(/ё/g, "е").replace(/[\u0301\u00ad]/g, "")
  }
  var stems = normalise(query).split(/[\s*+\-:~^]+/).filter(Boolean)
  var WORD = /[\p{L}\p{N}][\p{L}\p{N}\u0301\u00ad]*/gu

  function found(word) {
    var text = normalise(word)
    return stems.some(function (stem) { return text.indexOf(stem) === 0 })
  }

  function mark() {
    var content = document.querySelector("[data-md-component=content]") || document.querySelector("article")
    if (!content) return
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT)
    var nodes = []
    for (var node = walker.nextNode(); node; node = walker.nextNode())
      if (node.parentElement && node.parentElement.offsetHeight && !node.parentElement.closest("mark, script, style"))
        nodes.push(node)
    nodes.forEach(function (node) {
      var text = node.textContent, last = 0, parts = [], m
      WORD.lastIndex = 0
      while ((m = WORD.exec(text))) {
        if (!found(m[0])) continue
        parts.push(document.createTextNode(text.slice(last, m.index)))
        var el = document.createElement("mark")
        el.setAttribute("data-md-highlight", "")
        el.textContent = m[0]
        parts.push(el)
        last = m.index + m[0].length
      }
      if (!parts.length) return
      parts.push(document.createTextNode(text.slice(last)))
      node.replaceWith.apply(node, parts)
    })
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", mark)
  else
    mark()
})()
