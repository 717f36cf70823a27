"""Reports: a format-neutral model built from an assessment, rendered as Markdown, HTML or
JSON, with numbered citations checked against the source documents."""
