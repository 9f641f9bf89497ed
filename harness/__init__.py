"""What tests/ and bench/ share to look at a built site: a static server that answers as
GitHub Pages does (server.py) and Chromium as this machine runs it (chromium.py).

Neither is part of the site or its build (sitebuild/), nor of the live preview (serve.py,
which rebuilds on every change and serves from memory): this folder only serves and opens
what a build wrote.
"""
