"""Markdown to safe HTML: what the sanitizer lets through, and what it reports removing."""

from sitebuild.markdown import render_markdown


def test_table_alignment_uses_attributes_not_styles():
    html, removed = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html
    assert "style" not in html
    assert removed == []


def test_links_keep_only_http_https_mailto_and_relative_targets():
    html, removed = render_markdown(
        "[a](https://example.com) [b](http://example.com) [c](mailto:x@example.com) [d](quiz.html#top) "
        "[e](javascript:alert(1)) [f](data:text/html,hi) [g](ftp://example.com) [h](JaVaScRiPt:alert(2))"
    )
    assert html == (
        '<p><a href="https://example.com" rel="noopener noreferrer">a</a> '
        '<a href="http://example.com" rel="noopener noreferrer">b</a> '
        '<a href="mailto:x@example.com" rel="noopener noreferrer">c</a> '
        '<a href="quiz.html#top" rel="noopener noreferrer">d</a> '
        '<a rel="noopener noreferrer">e</a> <a rel="noopener noreferrer">f</a> '
        '<a rel="noopener noreferrer">g</a> <a rel="noopener noreferrer">h</a></p>'
    )
    assert removed == [
        ("link", "javascript:alert(1)"),
        ("link", "data:text/html,hi"),
        ("link", "ftp://example.com"),
        ("link", "JaVaScRiPt:alert(2)"),
    ]


def test_scripts_styles_frames_and_handlers_are_removed_with_their_content():
    html, removed = render_markdown(
        '<script>alert(1)</script>Hello <b onclick="alert(2)">there</b>\n\n'
        '<style>body { display: none }</style>\n\n<iframe src="https://example.com">inside</iframe>\n'
    )
    assert "alert" not in html and "display" not in html and "inside" not in html
    assert "<b" not in html and "onclick" not in html and "Hello" in html and "there" in html
    assert [kind for kind, _ in removed] == ["html"] * len(removed) and len(removed) >= 3


def test_images_are_not_shown_and_are_reported():
    html, removed = render_markdown("Logo: ![logo](https://example.com/logo.png)")
    assert html == "<p>Logo: </p>"
    assert removed == [("image", "https://example.com/logo.png")]
