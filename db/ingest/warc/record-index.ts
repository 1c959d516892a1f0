// A web archive's record index (its records' headers and byte ranges, its planned pages) in a temporary SQLite file, off the JS heap.
import type Database from 'better-sqlite3';
import { openScratchDatabase } from '../../sqlite-build.js';
import type { RecordEntry } from './scan.js';

/** A record with the container part (WARC file) it lives in: a WACZ holds several. */
export interface PartRecord extends RecordEntry {
  part: number;
  /** Its place among all the container's records (parts in order), from 1. */
  seq: number;
}

/**
 * Opens the empty private database the index lives in: SQLite's temporary database, written to a file it removes
 * itself (even after a crash) only once its small page cache fills. The importer's opens it with the archive's own
 * better-sqlite3 build. A 1 GB WARC's ~90,000 records held as JS objects cost ~50 MB of heap (and ten times that for
 * a 10 GB one); here they cost the cache.
 */
export type ScratchOpener = () => Database.Database;

export const openScratch: ScratchOpener = () => openScratchDatabase();

/** An opener that remembers what it opened: a source closes its indexes when it is closed, whatever was read. */
export function scratchTracker(open: ScratchOpener): { open: ScratchOpener; closeAll(): void } {
  const opened: Database.Database[] = [];
  return {
    open: () => {
      const db = open();
      opened.push(db);
      return db;
    },
    closeAll() {
      for (const db of opened.splice(0)) if (db.open) db.close();
    },
  };
}

const CACHE_KIB = 2048;
const INSERT_BATCH = 2000;
const PAGE_CHUNK = 256;

const SCHEMA = `
CREATE TABLE record (
  seq INTEGER PRIMARY KEY, part INTEGER NOT NULL, type TEXT, offset INTEGER NOT NULL, length INTEGER NOT NULL,
  id TEXT, uri TEXT, date TEXT, concurrent_to TEXT, payload_digest TEXT, warc_content_type TEXT, status INTEGER,
  content_type TEXT, location TEXT, refers_to TEXT, refers_to_uri TEXT, refers_to_date TEXT
);
-- WARC-Concurrent-To of request records: a response may be found only from its request's side.
CREATE TABLE concurrent (target TEXT NOT NULL, seq INTEGER NOT NULL);
-- The pages planned, in order; a page is planned once per record and once per URL, date and payload.
CREATE TABLE page (
  n INTEGER PRIMARY KEY, url TEXT NOT NULL, main INTEGER NOT NULL UNIQUE, request INTEGER, payload INTEGER NOT NULL,
  title TEXT, redirected_from TEXT NOT NULL, same TEXT NOT NULL UNIQUE
);`;

const INDEXES = `
CREATE INDEX record_id ON record (id, type) WHERE id IS NOT NULL;
CREATE INDEX record_uri ON record (uri) WHERE uri IS NOT NULL AND type IN ('response', 'revisit', 'resource');
CREATE INDEX record_digest ON record (payload_digest) WHERE type = 'response' AND uri IS NOT NULL;
CREATE INDEX concurrent_target ON concurrent (target);`;

interface RecordRow {
  seq: number;
  part: number;
  type: string;
  offset: number;
  length: number;
  id: string | null;
  uri: string | null;
  date: string | null;
  concurrent_to: string | null;
  payload_digest: string | null;
  warc_content_type: string | null;
  status: number | null;
  content_type: string | null;
  location: string | null;
  refers_to: string | null;
  refers_to_uri: string | null;
  refers_to_date: string | null;
}

export interface PageRow {
  n: number;
  url: string;
  main: number;
  request: number | null;
  payload: number;
  title: string | null;
  redirected_from: string;
}

const NONE: string[] = [];

function fromRow(r: RecordRow): PartRecord {
  return {
    seq: r.seq,
    part: r.part,
    type: r.type,
    offset: r.offset,
    length: r.length,
    id: r.id,
    uri: r.uri,
    date: r.date,
    concurrentTo: r.concurrent_to ? (JSON.parse(r.concurrent_to) as string[]) : NONE,
    payloadDigest: r.payload_digest,
    warcContentType: r.warc_content_type,
    status: r.status,
    contentType: r.content_type,
    location: r.location,
    refersTo: r.refers_to,
    refersToUri: r.refers_to_uri,
    refersToDate: r.refers_to_date,
  };
}

function time(value: string | null): number {
  if (!value) return NaN;
  // A WACZ page list may give a 14-digit timestamp (20240131120000) instead of ISO 8601.
  const digits = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  return digits
    ? Date.UTC(+digits[1]!, +digits[2]! - 1, +digits[3]!, +digits[4]!, +digits[5]!, +digits[6]!)
    : Date.parse(value);
}
export { time as captureTime };

/**
 * Lookups over one container's records. Where records share a WARC-Record-ID the last one counts, and a response's
 * request is found by its WARC-Concurrent-To, then as the request record next to it, then by a request's own
 * WARC-Concurrent-To naming it.
 */
export class RecordIndex {
  private readonly db: Database.Database;
  private readonly pending: unknown[][] = [];
  private readonly statements = new Map<string, Database.Statement>();
  private sealed = false;
  count = 0;

  constructor(open: ScratchOpener = openScratch) {
    this.db = open();
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma(`cache_size = -${CACHE_KIB}`);
    this.db.pragma('temp_store = FILE');
    this.db.exec(SCHEMA);
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Adds the container's next record (records are added in their order, parts one after another). */
  add(r: RecordEntry & { part: number }): void {
    this.pending.push([
      r.part,
      r.type,
      r.offset,
      r.length,
      r.id,
      r.uri,
      r.date,
      r.concurrentTo.length ? JSON.stringify(r.concurrentTo) : null,
      r.payloadDigest,
      r.warcContentType,
      r.status,
      r.contentType,
      r.location,
      r.refersTo,
      r.refersToUri,
      r.refersToDate,
    ]);
    if (this.pending.length >= INSERT_BATCH) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const insert = this.statement(
      'INSERT INTO record (part, type, offset, length, id, uri, date, concurrent_to, payload_digest, warc_content_type, ' +
        'status, content_type, location, refers_to, refers_to_uri, refers_to_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const links = this.statement('INSERT INTO concurrent (target, seq) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const row of this.pending) {
        const seq = Number(insert.run(...row).lastInsertRowid);
        this.count++;
        if (row[1] === 'request' && row[4] !== null && row[7] !== null)
          for (const target of JSON.parse(row[7] as string) as string[]) links.run(target, seq);
      }
    })();
    this.pending.length = 0;
  }

  /** Every record is in: indexes are built once, which is faster than keeping them up to date row by row. */
  seal(): void {
    if (this.sealed) return;
    this.flush();
    this.db.exec(INDEXES);
    this.sealed = true;
  }

  record(seq: number | null): PartRecord | null {
    if (seq === null) return null;
    const row = this.statement('SELECT * FROM record WHERE seq = ?').get(seq) as RecordRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Records in container order from after `seq`, of the kinds that may be pages (a web address, a payload). */
  candidatesAfter(seq: number, limit = 1000): PartRecord[] {
    const rows = this.statement(
      "SELECT * FROM record WHERE seq > ? AND uri IS NOT NULL AND type IN ('response', 'revisit', 'resource') ORDER BY seq LIMIT ?",
    ).all(seq, limit) as RecordRow[];
    return rows.map(fromRow);
  }

  /** The (last) record with this WARC-Record-ID. */
  byId(id: string): PartRecord | null {
    const row = this.statement('SELECT * FROM record WHERE id = ? ORDER BY seq DESC LIMIT 1').get(id) as
      RecordRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** The first response with a web address and this payload digest. */
  byDigest(digest: string): PartRecord | null {
    const row = this.statement(
      "SELECT * FROM record WHERE payload_digest = ? AND type = 'response' AND uri IS NOT NULL ORDER BY seq LIMIT 1",
    ).get(digest) as RecordRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** The response, revisit and resource records of a web address, in container order. */
  byUri(uri: string): PartRecord[] {
    const rows = this.statement(
      "SELECT * FROM record WHERE uri = ? AND type IN ('response', 'revisit', 'resource') ORDER BY seq",
    ).all(uri) as RecordRow[];
    return rows.map(fromRow);
  }

  /** The request record of a response, revisit (or any record a request names as concurrent), if the container has it. */
  requestOf(r: PartRecord): PartRecord | null {
    if (r.type === 'response' || r.type === 'revisit') {
      for (const id of r.concurrentTo) {
        const row = this.statement(
          "SELECT * FROM record WHERE id = ? AND type = 'request' ORDER BY seq DESC LIMIT 1",
        ).get(id) as RecordRow | undefined;
        if (row) return fromRow(row);
      }
      for (const n of [this.record(r.seq - 1), this.record(r.seq + 1)]) {
        if (n?.type === 'request' && n.uri === r.uri && n.part === r.part) return n;
      }
    }
    if (r.type === 'request' || !r.id) return null;
    // Only the last record with this id is named by a request's WARC-Concurrent-To; of the requests naming it
    // (the last record of each request id), the one whose id came first.
    const last = this.statement("SELECT max(seq) FROM record WHERE id = ? AND type != 'request'").pluck().get(r.id) as
      number | null;
    if (last !== r.seq) return null;
    const row = this.statement(
      `SELECT q.* FROM concurrent c JOIN record q ON q.seq = c.seq
       WHERE c.target = ? AND q.seq = (SELECT max(seq) FROM record WHERE id = q.id AND type = 'request')
       ORDER BY (SELECT min(seq) FROM record WHERE id = q.id AND type = 'request') LIMIT 1`,
    ).get(r.id) as RecordRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** The record whose payload a record serves: itself, or for a revisit the original it refers to. */
  payloadOf(r: PartRecord): PartRecord | null {
    if (r.type !== 'revisit') return r;
    const byId = r.refersTo ? this.byId(r.refersTo) : null;
    if (byId && byId.type !== 'revisit') return byId;
    const byDigest = r.payloadDigest ? this.byDigest(r.payloadDigest) : null;
    if (byDigest) return byDigest;
    const uri = r.refersToUri ?? r.uri;
    return uri ? this.closest(uri, time(r.refersToDate ?? r.date), (c) => c.type === 'response') : null;
  }

  /** The capture of `uri` nearest in time to `at` among those `accept` takes (the first of equally near ones). */
  closest(uri: string, at: number, accept: (r: PartRecord) => boolean): PartRecord | null {
    let best: PartRecord | null = null;
    let bestGap = Infinity;
    for (const c of this.byUri(uri)) {
      if (!accept(c)) continue;
      const gap = Number.isNaN(at) ? 0 : Math.abs(time(c.date) - at) || 0;
      if (gap < bestGap) {
        best = c;
        bestGap = gap;
      }
    }
    return best;
  }

  /** Plans a page unless its record, or the same URL at the same time with the same payload, is planned already. */
  addPage(p: {
    url: string;
    main: PartRecord;
    request: PartRecord | null;
    payload: PartRecord;
    title: string | null;
    redirectedFrom: string[];
  }): void {
    const same = `${p.url}\u0000${p.main.date}\u0000${p.payload.payloadDigest ?? p.payload.offset}`;
    this.statement(
      'INSERT OR IGNORE INTO page (url, main, request, payload, title, redirected_from, same) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(p.url, p.main.seq, p.request?.seq ?? null, p.payload.seq, p.title, JSON.stringify(p.redirectedFrom), same);
  }

  /** Runs `fn` in one transaction (planning writes a page row per page). */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  pageCount(): number {
    return this.statement('SELECT count(*) FROM page').pluck().get() as number;
  }

  /** Planned pages after page `n`, in order, a chunk at a time (no statement stays open between chunks). */
  pagesAfter(n: number): PageRow[] {
    return this.statement(
      'SELECT n, url, main, request, payload, title, redirected_from FROM page WHERE n > ? ORDER BY n LIMIT ?',
    ).all(n, PAGE_CHUNK) as PageRow[];
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
