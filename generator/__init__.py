"""Open Acupoints generator: data/*.yml → checked records → Markdown pages and JSON."""
