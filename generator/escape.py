"""Escaping data text for Markdown pages.

Every `{{ value }}` in a template passes through `markdown_text`, unless the
generator itself built the value as `Markup` (a link to a page it knows). So
text from data can never become a heading, a table, a link, raw HTML or a
template: each ASCII punctuation character is backslash-escaped (the
pymdownx.escapeall extension renders any escaped character literally), and
line breaks are folded so a value cannot start a new Markdown block.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markupsafe import Markup

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_WHITESPACE = re.compile(r"\s+")


def markdown_text(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return _escaped(str(value))


@lru_cache(maxsize=65536)  # names and labels recur on many pages
def _escaped(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def html_text(value: object) -> str:
    """Text for places MkDocs and Material put into HTML unescaped: page titles, meta
    descriptions, navigation labels. Folded to one line and HTML-escaped."""
    return html.escape(_WHITESPACE.sub(" ", str(value)).strip(), quote=True)


def front_matter_string(value: object) -> Markup:
    """A front-matter scalar: HTML-escaped text as a JSON string (valid YAML, one line)."""
    return Markup(json.dumps(html_text(value), ensure_ascii=False))


def front_matter_list(values) -> Markup:
    """A YAML flow list for front matter (as JSON): the search tags, which Material
    indexes as data and shows as text, so they stay unescaped."""
    return Markup(json.dumps([_WHITESPACE.sub(" ", str(v)).strip() for v in values], ensure_ascii=False))


def link(text: object, href: str) -> Markup:
    """A Markdown link whose text is escaped data and whose target the generator chose."""
    return Markup(f"[{markdown_text(text)}]({href})")


def join(items, separator: str = "") -> Markup:
    """Jinja's join, made escape-aware: each item is escaped unless it is already Markup."""
    glue = _PUNCTUATION.sub(r"\\\1", separator)
    return Markup(glue.join(markdown_text(item) for item in items))
