"""Document identity: canonical URLs and content-hash ids.

``canonical_url`` lower-cases the scheme and host, drops default ports, the fragment, empty
query values' duplicates and tracking parameters (``utm_*``, ``fbclid``, ``gclid`` and the others
in ``TRACKING_PARAMS``), sorts the remaining query parameters and removes a trailing ``/`` from
non-root paths. ``document_id`` is ``model.content_id`` of the canonical URL (or, without a URL,
the locator) and the text, so the same article seen twice, from two crawls or with different
tracking tags, gets the same id.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import content_id

# Query parameters that identify a click or campaign, never the content.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "ref_src", "cmpid", "ocid", "spm", "share", "amp",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """The canonical form of ``url``; None for None or an empty string, unparsable input unchanged."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if not scheme or not host:
        return url
    netloc = host
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc += f":{port}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def document_id(text: str, *, url: str | None = None, locator: str | None = None) -> str:
    """The id of a document without its own: content hash of canonical URL (else locator) + text."""
    return content_id(canonical_url(url) or locator, text)
