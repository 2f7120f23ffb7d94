"""A Content-Security-Policy for every page, as a <meta> tag.

The policy allows the site's own files only: no third-party origin can be
loaded, framed, connected to, or sent a form. Material's inline scripts are
allowed by their SHA-256 hashes, computed from each built page.
"""
from __future__ import annotations

import base64
import hashlib
import re

SCRIPT = re.compile(r"<script\b([^>]*)>")
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
DATA_BLOCK = re.compile(r'type="application/(?:ld\+)?json"')


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the page's inline scripts (not those loaded with src=, nor data blocks
    such as JSON and JSON-LD, which browsers never run)."""
    bodies, start = [], 0
    while match := SCRIPT.search(html, start):
        end = html.find("</script>", match.end())
        if end < 0:
            break
        attributes = match.group(1)
        if "src=" not in attributes and not DATA_BLOCK.search(attributes):
            bodies.append(html[match.end():end])
        start = end + len("</script>")
    return bodies


def policy(html: str, offline: bool, preview: bool = False) -> str:
    """preview: for `mkdocs serve`, which adds its live-reload script to each page as it sends it,
    with numbers of the moment in it, so no hash made at build time can name it."""
    if offline or preview:
        # From file://, Material's search runs in an iframe (the iframe-worker shim),
        # which the shim fills with an inline script made at run time: no hash can
        # name it. Still only the bundle's own files can load.
        scripts = "'self' 'unsafe-inline'"
    else:
        hashes = sorted({_hash(body) for body in inline_scripts(html)})
        scripts = " ".join(["'self'", *hashes])
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",  # Material sets style attributes
        "img-src 'self' data:",  # icons inlined by Material's CSS
        "font-src 'self' data:",
        "connect-src 'self'",  # the search index
        "worker-src 'self'",  # the search worker
        "manifest-src 'self'",
        "media-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",  # nothing typed is ever sent
    ])


def add_csp(html: str, offline: bool, preview: bool = False) -> str:
    """The page with its policy as the first element after <meta charset>."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline, preview)}">'
    match = CHARSET.search(html)
    if not match:
        return html.replace("<head>", f"<head>\n{tag}", 1)
    return html[:match.end()] + "\n" + tag + html[match.end():]
