"""Chat files: read (`frontmatter`, `reader`), checked (`values`, `format`, `rules`, `catalog`) and written (`writer`).
"""
