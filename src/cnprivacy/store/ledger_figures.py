"""The ledger's figures a filing pack quotes: distinct people per transfer and per year, the
last five years' totals and the snapshot they were read at (counted by the store's
:class:`~cnprivacy.store.ledger_store.LedgerCounter`, for the CLI and the web alike)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnprivacy.store.ledger_store import Ledger, LedgerCounter

if TYPE_CHECKING:  # the filings package pulls in python-docx
    from cnprivacy.filings import LedgerFigures


def ledger_figures(led: Ledger, year: int, reference: str) -> LedgerFigures:
    from cnprivacy.filings import LedgerFigures

    with led.engine.connect() as conn:
        counter = LedgerCounter(conn)
        known = sorted(counter.known_transfers(year))
        by_transfer = {tid: counter.distinct([tid], year) for tid in known}
        people, sensitive = counter.distinct(known, year) if known else (0, 0)
        history: dict[int, int] = {}
        for past in range(year - 5, year + 1):
            ids = sorted(counter.known_transfers(past))
            if ids:
                history[past] = counter.distinct(ids, past)[0]
        snaps = led._last_snapshots(conn, year, limit=1)
    return LedgerFigures(year=year, individuals=people, sensitive_individuals=sensitive,
                         by_transfer=by_transfer, history=history,
                         snapshot_entry=snaps[0].entry_id if snaps else None,
                         reference=reference)


__all__ = ["ledger_figures"]
