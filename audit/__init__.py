"""`make audit`: Lighthouse and axe-core on pages of the built site, against fixed targets.

settings.py: the pages, the targets and the modes; scores.py: pure functions from reports to
scores and the table (tests/test_audit.py); runners.py: running Lighthouse and axe-core in
Chromium; __main__.py: serving the site, running everything and reporting.
"""
