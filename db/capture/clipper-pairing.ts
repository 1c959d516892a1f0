// Pairing the browser clipper: one key (only its hash kept in the archive) and the extension origins it may come from.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';

const KEY_HASH = 'clipper_key_sha256';
const ORIGINS = 'clipper_origins';

/** An installed extension's origin: Chromium's 32-letter id, or Firefox's per-install UUID. */
export const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})$/;

export function checkExtensionOrigin(origin: string): string {
  const clean = origin.trim().replace(/\/+$/, '').toLowerCase();
  if (!EXTENSION_ORIGIN.test(clean)) {
    throw new ArchiveError(
      'INVALID_INPUT',
      `"${origin}" is not a browser extension's origin (chrome-extension://<32 letters> or moz-extension://<uuid>); the clipper's options page shows its own.`,
    );
  }
  return clean;
}

const hash = (key: string): string => crypto.createHash('sha256').update(key).digest('hex');

function read(db: Database.Database, key: string): string | null {
  return (db.prepare('SELECT value FROM archive_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

function write(db: Database.Database, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM archive_meta WHERE key = ?').run(key);
  else
    db.prepare(
      'INSERT INTO archive_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
}

export interface ClipperPairing {
  origins: string[];
  /** Whether a key was made: only its SHA-256 is kept, so it is shown once, when made. */
  paired: boolean;
}

export function clipperPairing(db: Database.Database): ClipperPairing {
  const origins = JSON.parse(read(db, ORIGINS) ?? '[]') as string[];
  return { origins, paired: read(db, KEY_HASH) !== null };
}

/**
 * Pairs a clipper: its origin joins the allowed ones and a new key replaces any earlier one (so pairing again is
 * also how a leaked key is revoked). The key lets that origin call clipPage and nothing else.
 */
export function pairClipper(db: Database.Database, origin: string): { key: string; origins: string[] } {
  const clean = checkExtensionOrigin(origin);
  const key = crypto.randomBytes(32).toString('base64url');
  const origins = [...new Set([...clipperPairing(db).origins, clean])];
  db.transaction(() => {
    write(db, KEY_HASH, hash(key));
    write(db, ORIGINS, JSON.stringify(origins));
  })();
  return { key, origins };
}

export function unpairClipper(db: Database.Database): void {
  db.transaction(() => {
    write(db, KEY_HASH, null);
    write(db, ORIGINS, null);
  })();
}

/** Constant-time check of a key the clipper sent against the kept hash. */
export function clipperKeyMatches(db: Database.Database, given: string | null): boolean {
  const kept = read(db, KEY_HASH);
  if (!kept || !given) return false;
  return crypto.timingSafeEqual(Buffer.from(kept, 'hex'), Buffer.from(hash(given), 'hex'));
}
