"""What a page's <head> tells search engines and social sites, made from the data.

- hreflang alternates: the page in every language and x-default (the default
  language), absolute. Only with site_url (SITE_URL) and not in the offline
  bundle: search engines need absolute addresses, and from file:// there is
  nothing to tell them.
- Open Graph: title, description, type, locale and the other languages'
  locales, site name, and with site_url the page's address and the one shared
  picture (overrides/assets/images/share.png, made by scripts/share_image.py):
  Open Graph wants absolute addresses, so without site_url these two are left out.
- schema.org JSON-LD: on the home page the publisher (an Organization, named
  as mkdocs.yml's `copyright` names it in each language) and the WebSite; on
  the page of each dated event an Event, with its date at the precision the
  data knows, its place, its organisers where the data names them, and the
  page's language. Nothing the data does not say.

overrides/main.html writes it all (block site_meta for the alternates, block
extrahead for the rest); scripts/hooks.py gives it as `head` in the page context.
"""
from __future__ import annotations

import json
import re

from .dates import PartialDate
from .languages import CODES, DEFAULT, og_locale
from .model import SiteData

SHARE_IMAGE = "assets/images/share.png"
SHARE_IMAGE_SIZE = (1200, 630)

_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def plain_text(markdown: str) -> str:
    """A Markdown field as plain text, for a description: links keep their words, emphasis its text."""
    text = _MARKDOWN_LINK.sub(r"\1", markdown)
    text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def page_path(lang: str, here: str) -> str:
    """The address of a page in lang, from the site's root; here is its path inside a language."""
    return here if lang == DEFAULT else f"{lang}/{here}"


def alternates(site_url: str, here: str) -> list[dict]:
    """The page in every language, then x-default (the default language's page)."""
    links = [{"hreflang": code, "href": site_url + page_path(code, here)} for code in CODES]
    return links + [{"hreflang": "x-default", "href": site_url + page_path(DEFAULT, here)}]


def json_script(data: dict) -> str:
    """JSON for a <script> element: "</" cannot end it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def event_json_ld(site: SiteData, event: dict, lang: str, url: str | None) -> dict | None:
    """A schema.org Event for a dated event; None for one without a date."""
    if "date" not in event:
        return None
    data = {"@context": "https://schema.org", "@type": "Event", "name": event["title"][lang],
            "startDate": PartialDate.parse(event["date"]).iso()}
    if "end" in event:
        data["endDate"] = PartialDate.parse(event["end"]).iso()
    if "summary" in event:
        data["description"] = plain_text(event["summary"][lang])
    if "city" in event or "country" in event:
        address = {"@type": "PostalAddress"}
        parts = []
        if "city" in event:
            address["addressLocality"] = event["city"][lang]
            parts.append(event["city"][lang])
        if "country" in event:
            address["addressCountry"] = event["country"]
            country = site.by_id("countries").get(event["country"])
            if country:
                parts.append(country["name"][lang])
        data["location"] = {"@type": "Place", "name": ", ".join(parts), "address": address}
    if "organisers" in event:
        data["organizer"] = [{"@type": "Organization", "name": o[lang]} for o in event["organisers"]]
    data["inLanguage"] = lang
    if url:
        data["url"] = url
    return data


def home_json_ld(config, lang: str, url: str | None, image: str | None) -> dict:
    """The publisher of the site (mkdocs.yml's copyright, in lang) and the web site."""
    organisation = {"@type": "Organization", "@id": "#publisher", "name": config["copyright"]}
    if url:
        organisation["@id"] = f"{url}#publisher"
        organisation["url"] = url
    if image:
        organisation["logo"] = image
    website = {"@type": "WebSite", "name": config["site_name"], "description": config["site_description"],
               "inLanguage": lang, "publisher": {"@id": organisation["@id"]}}
    if url:
        website["url"] = url
    return {"@context": "https://schema.org", "@graph": [organisation, website]}


def head(site: SiteData, config, lang: str, here: str, title: str, meta: dict, offline: bool) -> dict:
    """What the <head> of one page says: {alternates, og: [(property, content)], json_ld}.

    here: the page's path inside its language (events/kiev-2005.html); title: its title;
    meta: its front matter (`record` names the entry a page made from data shows)."""
    site_url = config["site_url"] if not offline else None
    url = site_url + page_path(lang, here) if site_url else None
    image = site_url + SHARE_IMAGE if site_url else None
    home = here == "index.html"
    event = site.by_id("events").get(meta.get("record")) if here.startswith("events/") else None

    description = meta.get("description")
    if not description and event and "summary" in event:
        description = plain_text(event["summary"][lang])
    og = [("og:type", "website"), ("og:site_name", config["site_name"]),
          ("og:title", config["site_name"] if home else title),
          ("og:description", description or config["site_description"]),
          ("og:locale", og_locale(lang))]
    og += [("og:locale:alternate", og_locale(code)) for code in CODES if code != lang]
    if url:
        og.append(("og:url", url))
    if image:
        og += [("og:image", image), ("og:image:type", "image/png"),
               ("og:image:width", str(SHARE_IMAGE_SIZE[0])), ("og:image:height", str(SHARE_IMAGE_SIZE[1])),
               ("og:image:alt", site.word("share_image_alt", lang))]

    json_ld = None
    if home:
        json_ld = home_json_ld(config, lang, url, image)
    elif event:
        json_ld = event_json_ld(site, event, lang, url)
    return {"alternates": alternates(site_url, here) if site_url else [],
            "og": og, "json_ld": json_script(json_ld) if json_ld else None}
