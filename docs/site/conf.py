# Sphinx configuration of the docs site (make docs). scripts/docs.sh writes the collection's pages
# with antsibull-docs into build/docs/rst, adds README.md (the index), docs/design.md,
# docs/benchmarks.md and CHANGELOG.md, and runs sphinx-build with this directory as its -c.
# Everything builds offline: no intersphinx inventories are fetched.
project = "fathom.digitalocean"
copyright = "fathom.digitalocean maintainers"  # pylint: disable=redefined-builtin
title = "fathom.digitalocean"
html_short_title = "fathom.digitalocean"
html_title = "fathom.digitalocean"

extensions = ["sphinx_antsibull_ext", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_heading_anchors = 3
root_doc = "index"
exclude_patterns = []

pygments_style = "ansible"
highlight_language = "YAML+Jinja"

html_theme = "sphinx_ansible_theme"
html_theme_options = {"display_version": False, "titles_only": False}
html_show_sphinx = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False

default_role = "any"
