"""Field-level encryption of sensitive columns (DNA-derived detail, families' data).

Why field level: a stolen workspace file or database dump must not reveal which family a
child was matched to or the per-locus genetics behind it, while the rest of the workspace
(posts, rings) stays searchable by SQL. Values are encrypted with Fernet (AES-128-CBC plus
HMAC-SHA256, from the ``cryptography`` package) under a key derived by HKDF-SHA256 from the
``CRADLEWATCH_SECRET_KEY`` environment variable. The key never touches the database.

Stored form: ``fernet:<token>`` when a key is set, ``plain:<json>`` when it is not (a
workspace without a key says so in every row, so an auditor can see what is unprotected).
Reading an encrypted value without the key raises :class:`SecretKeyMissing` rather than
returning something that looks like data.
"""

from __future__ import annotations

import base64
import os
from typing import Any

import orjson
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from cradlewatch.errors import UsageError

ENV_KEY = "CRADLEWATCH_SECRET_KEY"
ENCRYPTED, PLAIN = "fernet:", "plain:"
_INFO = b"cradlewatch field encryption v1"


class SecretKeyMissing(UsageError):
    """An encrypted field was read without (or with the wrong) ``CRADLEWATCH_SECRET_KEY``."""


def _fernet() -> Fernet | None:
    secret = os.environ.get(ENV_KEY)
    if not secret:
        return None
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(value: Any) -> str:
    """``value`` (JSON-serialisable) as stored: encrypted when a key is configured."""
    data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    fernet = _fernet()
    if fernet is None:
        return PLAIN + data.decode("utf-8")
    return ENCRYPTED + fernet.encrypt(data).decode("ascii")


def unseal(stored: str) -> Any:
    """The value behind a stored string; raises :class:`SecretKeyMissing` when it cannot."""
    if stored.startswith(PLAIN):
        return orjson.loads(stored[len(PLAIN) :])
    if not stored.startswith(ENCRYPTED):
        raise ValueError("not a sealed value")
    fernet = _fernet()
    if fernet is None:
        raise SecretKeyMissing(f"encrypted field: set {ENV_KEY} to read it")
    try:
        return orjson.loads(fernet.decrypt(stored[len(ENCRYPTED) :].encode("ascii")))
    except InvalidToken as error:
        raise SecretKeyMissing(
            f"encrypted field: {ENV_KEY} is not the key it was written with"
        ) from error


class EncryptedJSON(TypeDecorator[Any]):
    """A JSON value stored sealed in a TEXT column (see the module docstring)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else seal(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else unseal(value)
