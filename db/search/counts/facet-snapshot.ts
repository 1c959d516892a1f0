// The facet columns saved beside the archive (`<archive>-facets`), so a fresh process counts its first query in
// memory after a 10 ms read instead of a 1 s build (a million articles) or a SQL count of every hit.
import fs from 'node:fs';
import { threadId } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Pairs } from './facet-columns.js';
import { cachedStatement as statement } from '../../util.js';

/** What the columns hold, without the per-query scratch arrays. */
export interface ColumnData {
  size: number;
  live: Uint8Array;
  site: Int32Array;
  year: Int32Array;
  siteNames: string[];
  tags: Pairs;
  collections: Pairs;
  colors: Pairs;
}

const MAGIC = 'stacks-facets 1\n';
const PAIR_KINDS = ['tags', 'collections', 'colors'] as const;

interface Header {
  key: string;
  size: number;
  siteNames: string[];
  pairs: Record<(typeof PAIR_KINDS)[number], { names: string[]; count: number }>;
}

/**
 * The snapshot's file, or null for an archive with no file of its own (in memory) or on read-only storage (opened
 * through an immutable `file:` URI, db/open.ts), beside which nothing is ever written. A reader thread's read-only
 * connection to a writable archive has a plain path, and shares the file with the writer.
 */
export function snapshotPath(db: Database.Database): string | null {
  return db.memory || !db.name || db.name.startsWith('file:') ? null : `${db.name}-facets`;
}

/**
 * What the columns are a function of: the archive's identity and the counters its triggers move with every
 * article, tag, collection and annotation write (migration 005), plus the newest ids (an older copy of the archive
 * restored over it, then written to the same counters, still differs there). Null below migration 005.
 */
export function snapshotKey(db: Database.Database): string | null {
  try {
    const row = statement(
      db,
      `SELECT (SELECT value FROM main.archive_meta WHERE key = 'index_key'), g.content, g.annotations,
        (SELECT max(id) FROM main.article), (SELECT max(id) FROM main.annotation)
       FROM main.search_generation g WHERE g.id = 1`,
    )
      .raw()
      .get() as unknown[] | undefined;
    return row ? JSON.stringify(row) : null;
  } catch {
    return null;
  }
}

const padded = (n: number): number => Math.ceil(n / 4) * 4;

/** Writes the columns for `key` (a temporary file renamed over the old one). A failure (read-only folder) is ignored. */
export function saveSnapshot(file: string, key: string, cols: ColumnData): void {
  const header: Header = {
    key,
    size: cols.size,
    siteNames: cols.siteNames,
    pairs: {
      tags: { names: cols.tags.names, count: cols.tags.article.length },
      collections: { names: cols.collections.names, count: cols.collections.article.length },
      colors: { names: cols.colors.names, count: cols.colors.article.length },
    },
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(padded(MAGIC.length + 4 + head.length));
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, MAGIC.length);
  head.copy(prefix, MAGIC.length + 4);
  const live = Buffer.alloc(padded(cols.size));
  live.set(cols.live);
  const parts: Buffer[] = [prefix, live, bytesOf(cols.site), bytesOf(cols.year)];
  for (const kind of PAIR_KINDS) parts.push(bytesOf(cols[kind].article), bytesOf(cols[kind].value));
  // Per process and thread: the app's reader threads may save at the same moment.
  const tmp = `${file}.${process.pid}.${threadId}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat(parts));
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/** The saved columns when the file holds them for `key`; null when absent, for another key, or damaged. */
export function loadSnapshot(file: string, key: string): ColumnData | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    // The header first: after a write the key no longer matches, and the ~10 MB of columns are not read for nothing.
    const lead = Buffer.alloc(MAGIC.length + 4);
    if (fs.readSync(fd, lead, 0, lead.length, 0) < lead.length || lead.toString('latin1', 0, MAGIC.length) !== MAGIC) {
      return null;
    }
    const headLength = lead.readUInt32LE(MAGIC.length);
    const head = Buffer.alloc(headLength);
    if (fs.readSync(fd, head, 0, headLength, lead.length) < headLength) return null;
    const header = JSON.parse(head.toString('utf8')) as Header;
    if (header.key !== key || !Number.isInteger(header.size) || header.size < 0) return null;
    const start = padded(lead.length + headLength);
    const body = Buffer.alloc(Math.max(0, fs.fstatSync(fd).size - start));
    if (fs.readSync(fd, body, 0, body.length, start) < body.length) return null;
    return columnsOf(header, body);
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** The typed arrays laid out after the header, checked against it (a truncated or inconsistent file throws). */
function columnsOf(header: Header, body: Buffer): ColumnData | null {
  const size = header.size;
  let at = 0;
  const take = (bytes: number): ArrayBuffer => {
    if (at + bytes > body.length) throw new RangeError('facet snapshot is truncated');
    const out = new ArrayBuffer(bytes); // a copy, aligned for the typed arrays
    new Uint8Array(out).set(body.subarray(at, at + bytes));
    at += padded(bytes);
    return out;
  };
  const live = new Uint8Array(take(size));
  const site = new Int32Array(take(size * 4));
  const year = new Int32Array(take(size * 4));
  const pairs = {} as Record<(typeof PAIR_KINDS)[number], Pairs>;
  for (const kind of PAIR_KINDS) {
    const { names, count } = header.pairs[kind];
    const article = new Int32Array(take(count * 4));
    const value = new Int32Array(take(count * 4));
    pairs[kind] = { article, value, names, start: startsOf(article, value, names.length, size) };
  }
  for (let i = 0; i < size; i++) if (site[i]! >= header.siteNames.length) return null;
  return { size, live, site, year, siteNames: header.siteNames, ...pairs };
}

function bytesOf(a: Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** The per-article start offsets of pairs stored grouped by article (checked: ids in range and non-decreasing). */
function startsOf(article: Int32Array, value: Int32Array, names: number, size: number): Int32Array {
  const start = new Int32Array(size + 1);
  let previous = 0;
  for (let k = 0; k < article.length; k++) {
    const id = article[k]!;
    if (id < previous || id >= size || value[k]! < 0 || value[k]! >= names) {
      throw new RangeError('facet snapshot pairs out of order');
    }
    previous = id;
    start[id + 1]!++;
  }
  for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
  return start;
}
