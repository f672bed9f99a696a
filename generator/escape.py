"""Escaping data text for Markdown pages.

Every `{{ value }}` in a template passes through `markdown_text`, unless the
generator itself built the value as `Markup` (a link to a page it knows). So
text from data can never become a heading, a table, a link, raw HTML or a
template. Line breaks are folded, so a value cannot start a new Markdown block;
a backslash (rendered literally by the pymdownx.escapeall extension) goes before
every character that means something inside a line (`<`, `&`, `*`, `[`, `|`, `{`,
…) and before the first character when it is punctuation (`-`, `+`, `>`, `1.`
could open a list or a quote there). Commas, full stops, brackets and the like
in mid-sentence are left alone: each escape costs Markdown an inline pattern,
and escaping every punctuation mark made the site build markedly slower (docs/how-fast.md).
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markupsafe import Markup

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_INLINE = "\\`*_[]<>&|{}#%"  # meaningful anywhere in a line (# closes a heading; {% would be template syntax)
_BACKSLASHED = {ord(c): "\\" + c for c in _INLINE}
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")  # "1986. …" at the start of a line is an ordered list
_WHITESPACE = re.compile(r"\s+")


def markdown_text(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return _escaped(str(value))


@lru_cache(maxsize=65536)  # names and labels recur on many pages
def _escaped(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return text
    if _PUNCTUATION.match(text[0]) and text[0] not in _INLINE:
        return "\\" + text[0] + text[1:].translate(_BACKSLASHED)
    return _LIST_NUMBER.sub(r"\1\\\2", text.translate(_BACKSLASHED), count=1)


def html_text(value: object) -> str:
    """Text for places MkDocs and Material put into HTML unescaped: page titles, meta
    descriptions, navigation labels. Folded to one line and HTML-escaped."""
    return html.escape(_WHITESPACE.sub(" ", str(value)).strip(), quote=True)


def front_matter_string(value: object) -> Markup:
    """A front-matter scalar: HTML-escaped text as a JSON string (valid YAML, one line)."""
    return Markup(json.dumps(html_text(value), ensure_ascii=False))


def front_matter_list(values) -> Markup:
    """A YAML flow list for front matter (as JSON): the search tags. Material copies them
    into the search index unchanged and its result list inserts them as HTML, so `<`, `>`
    and `&` are escaped here (quotes are left alone: inside an element they are text, and
    "Tiger's Mouth" must still match what a reader types)."""
    return Markup(json.dumps([html.escape(_WHITESPACE.sub(" ", str(v)).strip(), quote=False) for v in values], ensure_ascii=False))


def link(text: object, href: str) -> Markup:
    """A Markdown link whose text is escaped data and whose target the generator chose."""
    return Markup(f"[{markdown_text(text)}]({href})")


def join(items, separator: str = "") -> Markup:
    """Jinja's join, made escape-aware: each item is escaped unless it is already Markup."""
    glue = _PUNCTUATION.sub(r"\\\1", separator)
    return Markup(glue.join(markdown_text(item) for item in items))
