"""The workspace store: schema, migrations and the repository functions the Workbench calls.

Open a workspace with :meth:`Store.open`, get a session with ``store.session()``, and call
the functions of :mod:`cradlewatch.store.repository`; they return plain frozen records
(:mod:`cradlewatch.store.records`), never ORM objects, so that a web layer can serialise them
and nothing it does can write by accident.
"""

from cradlewatch.store.db import Store, database_url

__all__ = ["Store", "database_url"]
