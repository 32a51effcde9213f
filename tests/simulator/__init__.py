"""In-process/standalone simulator of the DigitalOcean API v2 (test fixture).

It is an independent fake of the API: it shares no code with ``plugins/``.
See README.md beside this file.
"""
