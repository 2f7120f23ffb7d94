/*
 * The site's addition to Material's search worker (scripts/sitedata/search_index.py
 * appends it, at build time, to assets/javascripts/workers/search.*.min.js, for
 * the web site and the offline bundle alike). It keeps Material's engine, index
 * format and interface, and makes lunr's stemming work with Material's queries:
 *
 * - the index: every word is normalised (lower case, ё is е, no stress mark nor
 *   soft hyphen, no punctuation at either end), then stemmed by the language's
 *   Snowball stemmer (lunr's for English, lunr.ru's for Russian), then mapped
 *   through the build's alias table (scripts/sitedata/search_words.py);
 * - the query: Material adds a trailing wildcard to every word («торговля*»),
 *   and lunr skips its pipeline for such words, so they met the index's stems
 *   only by chance (Material's issues #419, #1287). Here each such word goes
 *   through the same normalising, stemming and alias table as the index before
 *   the wildcard: «торговля» -> «торговл*», «ребенок» -> «ребенк*», «meetings»
 *   -> «meet*». Material's own query parsing (which words matched, the words
 *   highlighted on the page opened) sees the same stems.
 *
 * The build puts its alias tables, {language: {stem: stem}}, in place of ALIASES' placeholder.
 */
;(function (lunr) {
  if (typeof lunr === "undefined" || lunr.siteSearch)
    return
  var ALIASES = __SITE_SEARCH_ALIASES__
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu

  function normalise(text) {
    return text.toLowerCase().replace(/ё/g, "е").replace(/[\u0301\u00ad]/g, "").replace(EDGES, "")
  }

  var normaliser = function (token) {
    var text = normalise(token.toString())
    return text ? token.update(function () { return text }) : undefined
  }
  lunr.Pipeline.registerFunction(normaliser, "site-normaliser")

  function withAliases(stemmer, table, label) {
    var fn = function (token) {
      var stemmed = stemmer(token)
      if (stemmed && Object.prototype.hasOwnProperty.call(table, stemmed.toString()))
        return stemmed.update(function (s) { return table[s] })
      return stemmed
    }
    lunr.Pipeline.registerFunction(fn, label)
    return fn
  }

  var queryPipeline = null  // the search pipeline of the index being built
  var made = new Set()      // query words already put through it (Material parses a query twice)

  // Material's worker calls ref() once per index, after it has set up the
  // language and pipelines, before it adds any document: the place to finish them.
  var ref = lunr.Builder.prototype.ref
  lunr.Builder.prototype.ref = function () {
    var builder = this
    Object.keys(ALIASES).forEach(function (lang) {
      var space = lang === "en" ? lunr : lunr[lang]
      if (!space || !space.stemmer) return
      var stemmer = space.stemmer
      var aliased = withAliases(stemmer, ALIASES[lang], "site-stemmer-" + lang);
      [builder.pipeline, builder.searchPipeline].forEach(function (pipeline) {
        if (pipeline._stack.indexOf(stemmer) >= 0) pipeline.after(stemmer, aliased), pipeline.remove(stemmer)
      })
    });
    [builder.pipeline, builder.searchPipeline].forEach(function (pipeline) {
      if (pipeline._stack.indexOf(normaliser) < 0) pipeline._stack.unshift(normaliser)
    })
    queryPipeline = builder.searchPipeline
    made = new Set()
    return ref.apply(this, arguments)
  }

  // Every query word reaches the index through Query#clause, from lunr's query
  // parser and from Material's own parsing of the query alike.
  var clause = lunr.Query.prototype.clause
  lunr.Query.prototype.clause = function (c) {
    var term = c && typeof c.term === "string" ? c.term : null
    var trailing = term !== null && (/^[^*]+\*$/.test(term) ||
      (c.wildcard === lunr.Query.wildcard.TRAILING && term.indexOf("*") < 0))
    if (queryPipeline && trailing) {
      var word = term.replace(/\*$/, "")
      if (!made.has(word)) {
        var out = queryPipeline.runString(word)
        var stem = out.length ? out[0] : normalise(word)
        if (stem) {
          made.add(stem)
          c.term = term.slice(-1) === "*" ? stem + "*" : stem
        }
      }
    }
    return clause.call(this, c)
  }

  lunr.siteSearch = { normalise: normalise }
})(self.lunr);
