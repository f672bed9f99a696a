"""MkDocs and ProperDocs hooks (mkdocs.yml: hooks) that only make pages lighter or the build faster.

Nothing here is needed for a correct site: the navigation is in the generated configuration,
the edit button is a template override, whitespace is folded after any build (postbuild.py),
and the site's search reads its own index. A builder that runs no hooks (Zensical) builds the
same site, a little heavier and slower.

- on_page_content: leave the page out of Material's search index. The site's search
  (javascripts/search.js) reads api/search.json, and Material's index is never downloaded
  (overrides/main.html); building it was a fifth of the build.
- on_page_context: give the page its own view of the navigation, long lists cut to the
  entries near it (nav_window.py): a point page lists 25 of its channel's points, not 67.
- on_post_page: fold whitespace as each page is written (postbuild.fold_whitespace), so the
  post-build step has nothing left to do.
"""

from __future__ import annotations

from generator.nav_window import page_navigation
from generator.postbuild import fold_whitespace


def on_page_content(html, page, config, files, **kwargs):
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return html


def on_page_context(context, page, config, nav, **kwargs):
    context["nav"] = page_navigation(nav)
    return context


def on_post_page(output, page, config, **kwargs):
    return fold_whitespace(output)
