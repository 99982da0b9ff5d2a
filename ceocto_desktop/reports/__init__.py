"""The quarterly retrospective and the board brief, rendered to Markdown, HTML and PDF."""
