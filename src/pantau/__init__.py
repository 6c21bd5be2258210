"""pantau: news text in English and Indonesian to claims-aware PLOVER event data.

    >>> import pantau
    >>> doc = pantau.extract("Armenia and Azerbaijan agreed to a ceasefire on Wednesday.",
    ...                      published="2021-11-17")
    >>> [e.event for e in doc.events]
    ['RETREAT']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

from . import extract as _coder  # noqa: F401 - import the subpackage first; the function below keeps the name
from .model import Claim, Document, Entity, Event, Location, Quantity, Rejection, Span
from .settings import Options
from .version import __version__ as __version__

__all__ = ["Claim", "Document", "Entity", "Event", "Location", "Options", "Quantity", "Rejection", "Span",
           "extract", "extract_many", "extract_sources", "load_pack", "read_clusters", "read_events"]


def __getattr__(name: str) -> Any:
    if name == "load_pack":  # imported when first used: `pantau --help` never loads the pack machinery
        from .lang import load_pack

        return load_pack
    if name in ("read_events", "read_clusters"):
        from . import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'pantau' has no attribute {name!r}")


def extract(text: str, *, lang: str | None = None, published: str | None = None, title: str | None = None,
            url: str | None = None, doc_id: str | None = None, options: Options | None = None) -> Document:
    """Extract every event from one article's text."""
    from .extract.pipeline import extract_document
    from .ingest.documents import make_document

    doc = make_document(text, lang=lang, published=published, title=title, url=url, doc_id=doc_id)
    return extract_document(doc, options or Options())


T = TypeVar("T")


@overload
def extract_many(records: Iterable[Mapping[str, Any] | Document], *, options: Options | None = None,
                 jobs: int | None = 1, render: None = None) -> Iterator[Document]: ...


@overload
def extract_many(records: Iterable[Mapping[str, Any] | Document], *, options: Options | None = None,
                 jobs: int | None = 1, render: Callable[[Document], T]) -> Iterator[T]: ...


def extract_many(records: Iterable[Mapping[str, Any] | Document], *, options: Options | None = None,
                 jobs: int | None = 1, render: Callable[[Document], Any] | None = None) -> Iterator[Any]:
    """Stream documents: each record is a Document or a mapping with text, lang?, published?, title?, url?, id?

    A mapping is built by ``pantau.ingest.make_document``, as the readers of ``extract_sources``
    build theirs: its own ``id``, else the content hash of its canonical URL and text, so a record
    with an id or URL gets the same id through either door. (A record with neither hashes its text
    alone here; read from a file, the file and line take the URL's place.)

    ``jobs``: worker processes (``pantau.parallel``; None: every core). Output is in input order
    and the same whatever the number of jobs. ``render``: yield ``render(document)`` instead of the
    document, computed where the document was coded; with workers, plain data such as
    ``Document.to_dict`` comes back far cheaper than the document (``pantau.parallel``)."""
    from .extract.pipeline import extract_rendered
    from .ingest.documents import make_document

    opts = options or Options()

    def documents() -> Iterator[Document]:
        for rec in records:
            if isinstance(rec, Document):
                yield rec
            else:
                yield make_document(str(rec.get("text") or ""), lang=rec.get("lang"), published=rec.get("published"),
                                    title=rec.get("title"), url=rec.get("url"),
                                    doc_id=None if rec.get("id") is None else str(rec.get("id")))

    if jobs == 1:
        for doc in documents():
            yield extract_rendered(doc, opts, render)
        return
    from .parallel import extract_parallel

    yield from extract_parallel(documents(), opts, jobs, render)


@overload
def extract_sources(sources: Sequence[str], *, options: Options | None = None, fmt: str = "auto",
                    jobs: int | None = 1, known: Any = None, render: None = None) -> Iterator[Document]: ...


@overload
def extract_sources(sources: Sequence[str], *, options: Options | None = None, fmt: str = "auto",
                    jobs: int | None = 1, known: Any = None, render: Callable[[Document], T]) -> Iterator[T]: ...


def extract_sources(sources: Sequence[str], *, options: Options | None = None, fmt: str = "auto",
                    jobs: int | None = 1, known: Any = None,
                    render: Callable[[Document], Any] | None = None) -> Iterator[Any]:
    """Read files, directories, globs, URLs-in-WARCs or "-" (pantau.ingest) and extract every document;
    what cannot be read comes out as a rejected document, in input order. ``jobs`` as for
    ``extract_many``; ``known``: a store's ``find_copy``, so that documents it already holds from
    another file or format become duplicates; ``render`` as for ``extract_many``."""
    from .ingest import iter_documents

    opts = options or Options()
    return extract_many(iter_documents(sources, opts, fmt, known), options=opts, jobs=jobs, render=render)
