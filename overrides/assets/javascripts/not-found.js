/* The 404 page (overrides/404.html): an address that names a page of the site
   in another folder or form finds it. Editors guess addresses from the data:
   /ru/events/kiev-2005/ or /ru/meetings/kiev-2005.html for the page
   /ru/events/kiev-2005.html, /countries/EE.html for countries/ee.html, or a
   source file's name (.md). The last name of the address (not "index"), in
   small letters and without .html or .md, is looked up among the site's pages
   written by hand (the page's data block #bsr-pages, written by
   scripts/hooks.py), by file name or, for a folder's index.html, by the
   folder's name; then asked of the server in each folder of the pages made
   from data (events/, resources/, ...: a request for the headers only), so
   that the page stays the same size however many pages the site has. The
   address's first folder gives the language (ru/...). The page then says
   where that page is, in that language (data/labels.yml, not_found), with a
   link; several pages with that name are listed. Loaded on the 404 page only. */
(function () {
  "use strict";

  function name(segment) {
    var text = segment;
    try { text = decodeURIComponent(segment); } catch (e) { /* keep it as it came */ }
    return text.toLowerCase().replace(/\.(html?|md)$/, "");
  }

  /* The pages (paths from the site's root, with base and language) that path may mean. */
  function lookup(path, base, site) {
    var rest = path.indexOf(base) === 0 ? path.slice(base.length) : path.replace(/^\/+/, "");
    /* A pull request's preview (pr-preview/pr-N/, .github/workflows/pr.yml) is a site of its
       own below the published one, whose 404 page GitHub Pages serves for it too. */
    var preview = (rest.match(/^pr-preview\/pr-\d+\//) || [""])[0];
    var parts = rest.slice(preview.length).split("/").filter(Boolean);
    var lang = site.languages[0];
    if (parts.length && site.languages.indexOf(parts[0]) > 0) {
      lang = parts.shift();
    }
    /* "index" names its folder; "404" is this page's own name, when it is opened as itself. */
    var names = parts.map(name).filter(function (n) { return n && n !== "index" && n !== "404"; });
    var prefix = base + preview + (lang === site.languages[0] ? "" : lang + "/");
    if (!names.length) {
      return { lang: lang, wanted: "", pages: [] };
    }
    var wanted = names[names.length - 1];
    var pages = site.pages.filter(function (page) {
      var bits = page.replace(/\.html$/, "").split("/");
      var stem = bits.pop();
      return stem === wanted || (stem === "index" && bits.pop() === wanted);
    });
    return {
      lang: lang,
      wanted: wanted,
      prefix: prefix,
      pages: pages.map(function (page) { return prefix + page; })
        .filter(function (page) { return page !== path; })
    };
  }

  /* The pages made from data that bear the name: each folder asked whether it has one. */
  function ask(found, folders, path) {
    var candidates = folders.map(function (folder) {
      return found.prefix + folder + "/" + encodeURIComponent(found.wanted) + ".html";
    }).filter(function (page) { return page !== path; });
    return Promise.all(candidates.map(function (page) {
      return fetch(page, { method: "HEAD" })
        .then(function (answer) { return answer.ok ? page : null; })
        .catch(function () { return null; });
    })).then(function (pages) {
      found.pages = found.pages.concat(pages.filter(Boolean));
      return found;
    });
  }

  function link(href) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = href;
    return a;
  }

  function show(found) {
    var box = document.getElementById("bsr-found");
    if (box) {
      box.setAttribute("data-searched", "");  /* done, found or not (the tests wait for it) */
    }
    var one = box && box.querySelector('[data-found="one"][lang="' + found.lang + '"]');
    var many = box && box.querySelector('[data-found="many"][lang="' + found.lang + '"]');
    if (!one || !many || !found.pages.length) {
      return;
    }
    if (found.pages.length === 1) {
      one.querySelector("a").replaceWith(link(found.pages[0]));
      one.hidden = false;
    } else {
      var list = many.querySelector("ul");
      found.pages.forEach(function (page) {
        var item = document.createElement("li");
        item.appendChild(link(page));
        list.appendChild(item);
      });
      many.hidden = false;
    }
    box.hidden = false;
  }

  var data = document.getElementById("bsr-pages");
  var config = document.getElementById("__config");
  if (data && config) {
    var base = new URL(JSON.parse(config.textContent).base, location.href).pathname;
    var site = JSON.parse(data.textContent);
    var found = lookup(location.pathname, base.replace(/\/?$/, "/"), site);
    if (found.wanted) {
      ask(found, site.folders, location.pathname).then(show);
    } else {
      show(found);
    }
  }
})();
