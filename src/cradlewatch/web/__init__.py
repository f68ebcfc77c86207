"""The Workbench: a server-rendered web application over a workspace (FastAPI + Jinja2).

Every page has a JSON twin (the same URL ending in ``.json``, or ``Accept: application/json``),
every route checks the permission matrix of :mod:`cradlewatch.workspace.permissions`, and every
page view and decision is appended to the workspace's audit log.
"""

from cradlewatch.web.app import create_app

__all__ = ["create_app"]
