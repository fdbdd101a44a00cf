"""The look shared by the HTML reports (inline CSS: the reports fetch nothing)."""

BASE_CSS = """
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; border-bottom: 4px solid var(--accent); padding-bottom: 12px; }
h1 { margin: 0; font-size: 1.9rem; color: var(--accent); }
"""
