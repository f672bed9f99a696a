"""MkDocs and ProperDocs hooks (mkdocs.yml: hooks) that only make pages lighter.

Nothing here is needed for a correct site: the navigation is in the generated configuration,
the edit button is a template override, and whitespace folding and search-index compaction
run after the build (postbuild.py). A builder that runs no hooks (Zensical) builds the same
site, with longer sidebars.

- on_page_context: give the page its own view of the navigation, long lists cut to the
  entries near it (nav_window.py): a point page lists 25 of its channel's points, not 67.
"""

from __future__ import annotations

from generator.nav_window import page_navigation


def on_page_context(context, page, config, nav, **kwargs):
    context["nav"] = page_navigation(nav)
    return context
