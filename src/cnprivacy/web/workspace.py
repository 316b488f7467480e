"""What the app holds while it runs: the database (ledger, record, web tables), the law data and
the calls into the core that pages and the API share.

Nothing here decides a rule, a count or a deadline: an assessment is ``engine.assess``, a
cross-border position is the ledger's ``decide_profile`` (``engine.crossborder_decision`` with
the ledger's counts), law status is ``LawBook.status``. The only thing kept here is a small
cache of assessments by (profile version, date), since a saved version never changes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from threading import Lock
from typing import Any

from cnprivacy.engine import Assessment, Options, assess
from cnprivacy.errors import InputError
from cnprivacy.law import LawBook, load_lawbook
from cnprivacy.law.workdays import DEFAULT_CALENDAR
from cnprivacy.profile import Profile, validate
from cnprivacy.records.register import Register
from cnprivacy.rules.crossborder import Decision
from cnprivacy.store.database import default_key_path
from cnprivacy.store.ledger_store import Ledger
from cnprivacy.store.records import SqlStore
from cnprivacy.store.web_store import SavedProfile, WebStore

_CACHE_SIZE = 64
_TEXT_CACHE_SIZE = 64


@dataclass
class WebConfig:
    db: str
    key_path: Path | None = None
    #: Set when the app is reached over https (behind a reverse proxy): cookies get ``Secure``.
    secure_cookies: bool = False


@dataclass
class Workspace:
    config: WebConfig
    ledger: Ledger
    store: WebStore
    register: Register
    law: LawBook
    _cache: OrderedDict[tuple[int, date], Assessment] = field(default_factory=OrderedDict)
    _texts: OrderedDict[Hashable, str] = field(default_factory=OrderedDict)
    _lock: Lock = field(default_factory=Lock)

    @classmethod
    def open(cls, config: WebConfig) -> Workspace:
        """Migrate the database to the newest schema (nothing is lost: migrations only add) and
        create the ledger key beside a SQLite file when there is none."""
        key_path = config.key_path or default_key_path(config.db)
        if key_path is None:
            raise InputError(config.db, "no ledger key location: pass --key or set "
                             "CNPRIVACY_LEDGER_KEY")
        ledger, _ = Ledger.init(config.db, key_path)
        return cls(config=config, ledger=ledger, store=WebStore(ledger.engine),
                   register=Register(SqlStore(ledger.engine, config.db)), law=load_lawbook())

    # -- the organisation profile --------------------------------------------------------------
    def saved_profile(self) -> SavedProfile | None:
        return self.store.latest_profile()

    def profile(self) -> tuple[SavedProfile, Profile] | None:
        saved = self.saved_profile()
        if saved is None:
            return None
        return saved, validate(saved.data, "saved profile")

    # -- the core's answers --------------------------------------------------------------------
    def assessment(self, as_of: date) -> Assessment | None:
        found = self.current(as_of)
        return None if found is None else found[1]

    def current(self, as_of: date) -> tuple[int, Assessment] | None:
        """(profile version, its assessment as of the date), or None without a profile."""
        found = self.profile()
        if found is None:
            return None
        saved, profile = found
        return saved.id, self._assess(saved.id, profile, as_of)

    def _assess(self, version: int, profile: Profile, as_of: date) -> Assessment:
        key = (version, as_of)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        result = assess(profile, Options(as_of=as_of, calendar=DEFAULT_CALENDAR), law=self.law)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return result

    def text(self, key: Hashable, make: Callable[[], str]) -> str:
        """A rendered text (JSON, a page fragment) kept for a key that fixes its content: a
        saved profile version and a date, or a request body's hash and a date."""
        with self._lock:
            hit = self._texts.get(key)
            if hit is not None:
                self._texts.move_to_end(key)
                return hit
        made = make()
        with self._lock:
            self._texts[key] = made
            while len(self._texts) > _TEXT_CACHE_SIZE:
                self._texts.popitem(last=False)
        return made

    def decision(self, profile: Profile, as_of: date) -> Decision:
        """The profile's cross-border decision with the ledger's distinct counts."""
        return self.ledger.decide_profile(profile, as_of, calendar=DEFAULT_CALENDAR)

    def ledger_rows(self) -> list[dict[str, Any]]:
        return self.ledger.export_rows()
