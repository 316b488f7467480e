"""Database sources by SQLAlchemy URL: every table, a sample to classify, one full pass to count.

The sample is the first ``sample_rows`` rows of each table (``LIMIT``); the full pass streams
only the columns counting needs (identifier, sensitive, resident ID) with a server-side cursor.
Source names never include a password.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from cnprivacy.errors import InputError
from cnprivacy.fileio.kinds import require_sqlite_file

_SYSTEM_SCHEMAS = frozenset({"information_schema", "pg_catalog", "pg_toast"})


def is_database_url(target: str) -> bool:
    """True for ``dialect://...`` or ``dialect+driver://...`` targets."""
    head, sep, _ = target.partition("://")
    return bool(sep) and head.replace("+", "").replace("_", "").isalnum()


def safe_url(url: str) -> str:
    """The URL with any password hidden."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return url.split("@")[-1]


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err).strip().splitlines()
    return (text[0] if text else type(err).__name__)[:160]


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None  # binary columns hold no textual identifiers we can validate
    return str(value)


def _as_text_columns(columns: Iterable[sa.ColumnElement[Any]]) -> list[sa.ColumnElement[Any]]:
    """The columns with SQLAlchemy's own conversions switched off (no SQL is changed): a
    ``DATE`` column holding a resident ID would otherwise fail in ``date.fromisoformat`` with
    the value in its message. Values arrive as the driver gives them and become text here."""
    return [sa.type_coerce(c, sa.String()).label(c.name) for c in columns]


@dataclass
class TableSource:
    """One table: its display name, sampled rows and a way to stream chosen columns."""

    engine: Engine
    table: sa.Table
    name: str
    sample: pa.Table

    def batches(self, columns: list[str], batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
        """All rows of ``columns`` as string batches (one streaming query)."""
        if not columns:
            yield self._row_count()
            return
        cols = [self.table.c[c] for c in columns]
        stmt = sa.select(*_as_text_columns(cols))
        names = [c.name for c in cols]
        try:
            with self.engine.connect() as conn:
                result = conn.execution_options(stream_results=True, yield_per=batch_rows
                                                ).execute(stmt)
                for part in result.partitions(batch_rows):
                    data = {n: [_as_text(r[i]) for r in part] for i, n in enumerate(names)}
                    yield pa.RecordBatch.from_pydict(
                        {n: pa.array(v, type=pa.string()) for n, v in data.items()})
        except SQLAlchemyError as err:
            raise InputError(self.name, f"query failed: {_first_line(err)}") from None

    def _row_count(self) -> pa.RecordBatch:
        """A batch of as many (null) rows as the table has, when no column is needed."""
        try:
            with self.engine.connect() as conn:
                n = conn.execute(sa.select(sa.func.count()).select_from(self.table)).scalar_one()
        except SQLAlchemyError as err:
            raise InputError(self.name, f"query failed: {_first_line(err)}") from None
        return pa.RecordBatch.from_arrays([pa.nulls(int(n), pa.string())], names=["_rows"])


def _engine(url: str) -> Engine:
    try:
        engine = sa.create_engine(url)
        if engine.dialect.name == "sqlite":
            # scan only reads: a missing file must not be created empty and reported "no PI"
            require_sqlite_file(engine.url.database, safe_url(url))
        with engine.connect():
            pass
    # ModuleNotFoundError: a dialect whose driver is not installed (mysql://, oracle://);
    # ValueError: a port that is not a number
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError, ValueError) as err:
        raise InputError(safe_url(url), f"not a usable database URL: {_first_line(err)}") from None
    except SQLAlchemyError as err:
        raise InputError(safe_url(url), f"cannot connect: {_first_line(err)}") from None
    return engine


def iter_tables(url: str, sample_rows: int) -> Iterator[TableSource | InputError]:
    """Every table of every user schema, with its sample loaded; an unreadable table is
    yielded as its error so that the other tables are still scanned."""
    engine = _engine(url)
    base = safe_url(url)
    try:
        insp = sa.inspect(engine)
        schemas: list[str | None] = [None]
        if engine.dialect.name == "postgresql":
            schemas = [s for s in insp.get_schema_names() if s not in _SYSTEM_SCHEMAS]
        found = [(s, t) for s in schemas for t in insp.get_table_names(schema=s)]
    except SQLAlchemyError as err:
        raise InputError(base, f"cannot list tables: {_first_line(err)}") from None
    default = None if engine.dialect.name != "postgresql" else "public"
    for schema, table_name in found:
        label = table_name if schema in (None, default) else f"{schema}.{table_name}"
        name = f"{base}#{label}"
        try:
            table = sa.Table(table_name, sa.MetaData(), schema=schema, autoload_with=engine)
            with engine.connect() as conn:
                rows = conn.execute(sa.select(*_as_text_columns(table.columns))
                                    .limit(sample_rows)).fetchall()
            cols = [c.name for c in table.columns]
            sample = pa.table({c: pa.array([_as_text(r[i]) for r in rows], type=pa.string())
                               for i, c in enumerate(cols)})
        except SQLAlchemyError as err:
            yield InputError(name, f"cannot read table: {_first_line(err)}")
            continue
        except Exception as err:  # one table's failure never ends the others' scan; the
            # driver's message may quote a value, so only its type is named
            yield InputError(name, f"cannot read table ({type(err).__name__})")
            continue
        yield TableSource(engine, table, name, sample)
