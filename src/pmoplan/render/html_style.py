"""The look shared by the HTML reports (inline CSS: the reports fetch nothing), and their header lines."""

from html import escape

BASE_CSS = """
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; border-bottom: 4px solid var(--accent); padding-bottom: 12px; }
h1 { margin: 0; font-size: 1.9rem; color: var(--accent); }
"""

# The header lines under the title: for whom, made from, issued, catalogue (they wrap on a phone).
ISSUE_CSS = """
dl.issue { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 10px 0 0; font-size: .9rem; }
dl.issue dt { display: inline; color: var(--muted); } dl.issue dt::after { content: ": "; }
dl.issue dd { display: inline; margin: 0; overflow-wrap: anywhere; }
"""


def issue_list(pairs: list[tuple[str, str]]) -> str:
    """A report's header lines (label, text) as a description list, every text escaped."""
    items = "".join(
        f"<div><dt>{escape(label, quote=True)}</dt><dd>{escape(text, quote=True)}</dd></div>" for label, text in pairs
    )
    return f'<dl class="issue">{items}</dl>'
