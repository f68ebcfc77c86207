"""The workspace pipeline: ingest, analyze, decisions, users, audit, cases and imports.

Everything here works on a :class:`cradlewatch.store.Store`; the CLI (``commands.py``) and
the Workbench call the same functions, so a decision made in either is the same row.
"""
