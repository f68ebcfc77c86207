"""Exports of a case, a ring or the workspace: FtM, GraphML, GEXF, CSV and a case report.

:func:`cradlewatch.export.selection.gather` decides what is exported; one writer per format
turns that same selection into its file, so every format carries the same evidence.
"""
