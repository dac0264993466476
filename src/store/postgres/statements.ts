import type { StoredDocument } from '../engine';

/**
 * The engine's writes, as named statements: each connection parses one once and keeps it (pg
 * prepares a named statement on first use, per connection), rather than parsing and analysing its
 * text every time.
 *
 * Every write is one statement that takes no lock of its own, so concurrent writes (from this
 * gateway or any other) commit together, sharing WAL flushes. Each row records the transaction that
 * wrote it (`xid`, by default or set here), which is what the change feed catches up by
 * (change-feed.ts). `version` orders the copies of one document: it is drawn once the row is locked
 * (the SET of an UPDATE is evaluated again for the newest row when it had to wait for another
 * writer, and so is an ON CONFLICT's DO UPDATE SET), so a later copy of a document always has a
 * higher version. Versions of different documents follow no commit order, and need not.
 */
const VERSION = `nextval('label_gateway_document_version')`;

/** What an update or a removal answers: the row as it now is. */
const WRITTEN = 'd.xid, d.version, d.removed, d.doc';

export interface Statement {
  name: string;
  text: string;
}

/** A row as a write left it. */
export interface WrittenRow {
  xid: string;
  version: string;
  removed: boolean;
  doc: StoredDocument;
}

/** An insert statement's answer (INSERT): a row per written document, or one row of nulls when none was. */
export interface InsertedRow {
  collection: string | null;
  id: string | null;
  xid: string | null;
  version: string | null;
  seq: string | null;
  /** Whether the view check failed (the view's inserts were not made). */
  stale: boolean;
  /** The xmin of the statement's snapshot: with a passed check, where the next catch-up may start. */
  xmin: string;
}

/**
 * Every insert, one or many, of one collection or several (a state import's, a batch of requests'):
 * `$1` a JSON array of `{ "collection": …, "doc": … }`, inserted in its order (each draws the next
 * seq in turn). An insert over a tombstone (a removed document's row, kept for a while) takes its
 * place; one whose id a live document holds writes no row.
 *
 * Every row records `$3`, the writing process. Items marked `"onView": true` were decided on a view
 * this process held without catching up (speculation.ts); they are inserted only if the database
 * holds no row written at or past `$2` (the oldest such view's catch-up point) by another process,
 * and no tombstone at or past it was pruned; with `$2` null nothing is checked. The check reads the
 * statement's snapshot, so a write acknowledged anywhere before the statement began is in it. (This
 * process's own writes may be missing from its view only while their answers are on their way: not
 * yet acknowledged, so concurrent with the create.) It is written as the newest such row rather than EXISTS: the prepared statement's generic plan takes
 * EXISTS for a sequential scan expected to stop at once, which reads the whole table when every
 * row is this process's (7 ms at 50,000 rows); ordered by xid it walks the xid index from the top.
 *
 * Each written row answers with its collection and id (so that the caller can tell which were
 * refused), its bookkeeping and its seq, but not its document: that is the one sent with that seq (as
 * the memory engine stores it), and sending it back would cost the server its jsonb output and this
 * process a JSON.parse per insert, for nothing. Every row also carries the check's outcome and the
 * snapshot's xmin, and there is one row even when nothing was written.
 */
export const INSERT: Statement = {
  name: 'label-gateway-insert',
  text: `
    WITH view_check AS (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
        $2::xid8 IS NOT NULL AND (
          (SELECT h.pruned_xid FROM label_gateway_horizon h) >= $2::xid8
          OR (SELECT o.version FROM label_gateway_documents o WHERE o.xid >= $2::xid8 AND o.writer IS DISTINCT FROM $3::text
              ORDER BY o.xid DESC LIMIT 1) IS NOT NULL
        ) AS stale
    ), drawn AS (
      SELECT e.item ->> 'collection' AS collection, e.item -> 'doc' AS doc, nextval('label_gateway_seq') AS seq
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(item, position), view_check
      WHERE NOT (view_check.stale AND e.item ? 'onView')
      ORDER BY e.position
    ), written AS (
      INSERT INTO label_gateway_documents AS d (collection, id, seq, version, doc, writer)
      SELECT drawn.collection, drawn.doc ->> '_id', drawn.seq, ${VERSION}, drawn.doc || jsonb_build_object('seq', drawn.seq), $3::text FROM drawn
      ON CONFLICT (collection, id) DO UPDATE
        SET seq = EXCLUDED.seq, version = ${VERSION}, xid = pg_current_xact_id(), doc = EXCLUDED.doc, removed = false, removed_at = NULL,
          writer = EXCLUDED.writer
        WHERE d.removed
      RETURNING d.collection, d.id, d.xid, d.version, d.seq
    )
    SELECT w.collection, w.id, w.xid, w.version, w.seq, c.stale, c.xmin FROM view_check c LEFT JOIN written w ON true`,
};

/**
 * `$1` collection, `$2` id, `$3` fields to unset, `$4` fields to set, `$5` whether the document must
 * be soft-deleted (`deletedAt` set) or not, `$6` the writing process. No row when it is gone or not
 * in that state.
 */
export const UPDATE: Statement = {
  name: 'label-gateway-update',
  text: `
    UPDATE label_gateway_documents AS d
      SET doc = (d.doc - $3::text[]) || $4::jsonb, version = ${VERSION}, xid = pg_current_xact_id(), writer = $6::text
    WHERE d.collection = $1 AND d.id = $2 AND NOT d.removed AND ((d.doc ->> 'deletedAt') IS NOT NULL) = $5
    RETURNING ${WRITTEN}`,
};

/** `$1` collection, `$2` ids, `$3` the writing process: each live one becomes a tombstone. */
export const REMOVE: Statement = {
  name: 'label-gateway-remove',
  text: `
    UPDATE label_gateway_documents AS d
      SET removed = true, removed_at = now(), version = ${VERSION}, xid = pg_current_xact_id(), writer = $3::text
    WHERE d.collection = $1 AND d.id = ANY($2::text[]) AND NOT d.removed
    RETURNING ${WRITTEN}`,
};

/** `$1` collection, `$2` the writing process: every live document becomes a tombstone. */
export const CLEAR: Statement = {
  name: 'label-gateway-clear',
  text: `
    UPDATE label_gateway_documents AS d
      SET removed = true, removed_at = now(), version = ${VERSION}, xid = pg_current_xact_id(), writer = $2::text
    WHERE d.collection = $1 AND NOT d.removed
    RETURNING ${WRITTEN}`,
};
