"""Harvested descriptions become safe HTML in exactly one place."""

from harvesters.records import TextFormat
from harvesters.sanitise import sanitise_html, text_to_html, to_safe_html


def test_scripts_handlers_styles_and_dangerous_links_are_removed():
    dirty = (
        '<p onclick="steal()">Register <a href="javascript:alert(1)">here</a>'
        "<script>alert(1)</script><style>p{display:none}</style>"
        '<img src="x" onerror="steal()"><iframe src="https://evil.example/"></iframe></p>'
    )
    clean = sanitise_html(dirty)
    assert clean == '<p>Register <a rel="nofollow noopener">here</a></p>'


def test_allowed_structure_survives_and_links_get_rel_nofollow_noopener():
    html = (
        '<h2>Agenda</h2><p>See <a href="https://indico.esrf.fr/event/1001/" target="_blank" '
        'title="Indico">Indico</a> or <a href="mailto:useroff@esrf.fr">mail us</a>.</p>'
        "<ul><li><strong>Day 1</strong>: talks</li></ul><pre><code>pip install silx</code></pre>"
    )
    clean = sanitise_html(html)
    assert "<h2>" not in clean and "Agenda" in clean  # the page owns its top headings
    assert (
        '<a href="https://indico.esrf.fr/event/1001/" title="Indico" rel="nofollow noopener">Indico</a>'
        in clean
    )
    assert '<a href="mailto:useroff@esrf.fr" rel="nofollow noopener">' in clean
    assert "<ul><li><strong>Day 1</strong>: talks</li></ul>" in clean
    assert "<pre><code>pip install silx</code></pre>" in clean


def test_plain_text_is_escaped_paragraphed_and_its_urls_linked():
    text = "Speakers: A & B <tbd>\nRoom 500\n\nDetails: https://indico.esrf.fr/event/1004/."
    assert text_to_html(text) == (
        "<p>Speakers: A &amp; B &lt;tbd&gt;<br>Room 500</p>"
        '<p>Details: <a href="https://indico.esrf.fr/event/1004/" rel="nofollow noopener">'
        "https://indico.esrf.fr/event/1004/</a>.</p>"
    )


def test_the_format_label_chooses_the_path():
    assert to_safe_html("<b>x</b>", TextFormat.HTML) == "<b>x</b>"
    assert to_safe_html("<b>x</b>", TextFormat.TEXT) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    assert to_safe_html("", "html") == "" and to_safe_html("", "text") == ""
