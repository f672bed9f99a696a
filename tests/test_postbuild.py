"""The post-build steps (generator/postbuild.py) and the navigation placeholders, without a build."""

from __future__ import annotations

import json
import random
import re

from generator.navigation import expand
from generator.postbuild import compact_search_index, fold_whitespace

# The rule, stated as a regular expression: blanks around a line break, and further line
# breaks, become one line break; a no-break space is content and stays.
RULE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v\n]*")


def test_fold_whitespace_follows_the_rule_on_random_text():
    rng = random.Random(4)
    alphabet = ["a", "<b>", " ", "  ", "\t", "\n", "\r\n", "\xa0", "é"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert fold_whitespace(text) == RULE.sub("\n", text), repr(text)


def test_fold_whitespace_keeps_pre_script_style_and_textarea():
    kept = "<pre>\n  code\n\n    indented\n</pre><script>\n  var a = 1;\n</script><STYLE>\n a {}\n</STYLE><textarea>\n x\n</textarea>"
    html = "<ul>\n    <li>one</li>\n\n    <li>two</li>\n</ul>\n  " + kept + "\n   <p>end</p>"
    assert fold_whitespace(html) == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n" + kept + "\n<p>end</p>"


def test_compact_search_index_drops_tags_from_sections_only():
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "points/li4/", "title": "LI4 · Hégǔ 合谷", "text": "", "tags": ["LI-4", "合谷"]},
            {"location": "points/li4/#where-it-is", "title": "Where it is", "text": "hand", "tags": ["LI-4", "合谷"]},
        ],
    }
    compact = compact_search_index(json.dumps(index))
    docs = json.loads(compact)["docs"]
    assert docs[0]["tags"] == ["LI-4", "合谷"] and "tags" not in docs[1]
    assert "合谷" in compact and "\\u" not in compact


def test_compact_search_index_reads_zensicals_index_too():
    index = {"config": {}, "items": [{"location": "a/", "tags": ["x"]}, {"location": "a/#b", "tags": ["x"]}]}
    items = json.loads(compact_search_index(json.dumps(index)))["items"]
    assert items[0]["tags"] == ["x"] and "tags" not in items[1]


def test_expand_nav_replaces_placeholders_at_any_depth():
    nav = [{"Home": "index.md"}, {"Learn": [{"Sources": "generated:references"}]}]
    assert expand(nav, {"references": ["references/index.md"]}) == [
        {"Home": "index.md"},
        {"Learn": [{"Sources": ["references/index.md"]}]},
    ]
