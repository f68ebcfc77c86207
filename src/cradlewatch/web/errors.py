"""HTTP errors the routes raise, answered as a page or as JSON by the app's handlers."""

from __future__ import annotations

from fastapi import HTTPException


def bad_request(message: str) -> HTTPException:
    """A 400 carrying the store's one-line usage error (``where:line: reason``)."""
    return HTTPException(status_code=400, detail=message)


def not_found(message: str) -> HTTPException:
    return HTTPException(status_code=404, detail=message)
