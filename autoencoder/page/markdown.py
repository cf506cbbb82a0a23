"""Text from outside (a pasted notebook, a link, a file, an error message about them) made
inert for Streamlit's Markdown (st.markdown, st.error, ...): no link, emphasis, LaTeX or
HTML takes effect. HTML and MathML text are escaped with the standard library's
``html.escape`` (core/mathml.py, page/stepview_text.py)."""

import re

# A zero-width space keeps web and mail addresses from turning into links.
_AUTOLINKS = (("://", ":\u200b//"), ("www.", "www\u200b."), ("@", "@\u200b"))
_ACTIVE = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^&])")


def escape_markdown(text) -> str:
    """``text`` on one line with every character Markdown, LaTeX or HTML acts on
    backslash-escaped: 'a [b](c)' -> 'a \\[b\\]\\(c\\)'."""
    one_line = " ".join(str(text).split())
    for trigger, broken in _AUTOLINKS:
        one_line = one_line.replace(trigger, broken)
    return _ACTIVE.sub(r"\\\1", one_line)
