// Runs numbered, append-only migrations inside one transaction each and records progress in user_version.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import { migration001 } from './001-core.js';
import { migration002 } from './002-organize-annotate.js';
import { migration003 } from './003-search-index-file.js';
import { migration004 } from './004-link-only-articles.js';
import { migration005 } from './005-search-generation.js';
import { migration006 } from './006-reextracted-event.js';
import { migration007 } from './007-edited-purged-events.js';
import { migration008 } from './008-capture-link-record.js';
import { migration009 } from './009-reading-queue.js';
import { migration010 } from './010-compressed-forms.js';
import { migration011 } from './011-index-requeue.js';
import { migration012 } from './012-month-counts.js';
import { migration013 } from './013-published-list-index.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: never edit a shipped migration, add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** One migration about to run on an existing archive: some take seconds at a million articles (an index built). */
export interface MigrationStep {
  version: number;
  name: string;
  /** Migrations of this upgrade already applied, and how many it has in all. */
  done: number;
  total: number;
}

/**
 * Brings the file up to `target` (default: latest). A file from a newer Stacks is refused before
 * anything is written, so an older app never damages a newer archive. `onStep` hears of each migration before it
 * runs on an archive that holds articles (a new file's migrations run on empty tables and are not reported).
 */
export function migrate(
  db: Database.Database,
  target = LATEST_VERSION,
  onStep?: (step: MigrationStep) => void,
): number {
  assertNotFromFuture(db);
  const from = schemaVersion(db);
  // Reported on an archive holding articles only: a new file (or one another process is creating at this moment,
  // its first migrations already committed) upgrades empty tables in no time.
  const hasData = from > 0 && db.prepare('SELECT EXISTS (SELECT 1 FROM article)').pluck().get() === 1;
  const pending = hasData ? MIGRATIONS.filter((m) => m.version > from && m.version <= target) : [];
  for (const m of MIGRATIONS) {
    if (m.version > target) continue;
    const at = pending.indexOf(m);
    if (at >= 0) onStep?.({ version: m.version, name: m.name, done: at, total: pending.length });
    // The version is read again under the write lock (IMMEDIATE): two processes opening a new archive at once
    // would otherwise both see version 0 and the second would fail on "table article already exists".
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}

/** Refuses a file written by a newer Stacks, without writing anything to it. */
export function assertNotFromFuture(db: Database.Database): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new ArchiveError(
      'VERSION_FROM_FUTURE',
      `This archive was written by a newer version of Stacks (schema ${current}; this version knows up to ${LATEST_VERSION}). ` +
        'Update Stacks to open it; the file was not changed.',
    );
  }
}
