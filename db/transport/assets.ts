// Reads one archived asset (image) by its SHA-256 for the HTTP server and the Electron protocol.
import type Database from 'better-sqlite3';
import { cachedStatement } from '../util.js';

export interface StoredAsset {
  /** Media type to send: the stored one when it is a safe image type, else application/octet-stream. */
  mediaType: string;
  bytes: Buffer;
}

export type AssetLookup = (sha256: string) => StoredAsset | null;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Only image types render inline; anything else is sent as an opaque download, so an archived
 * HTML or JS file can never be served as a document from the app's own origin.
 */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function getAsset(db: Database.Database, sha256: string): StoredAsset | null {
  if (!isSha256(sha256)) return null;
  const row = cachedStatement(db, 'SELECT media_type AS mediaType, bytes FROM asset WHERE sha256 = ?').get(sha256) as
    { mediaType: string; bytes: Buffer } | undefined;
  if (!row) return null;
  const type = row.mediaType.toLowerCase().split(';')[0]!.trim();
  return { mediaType: INLINE_TYPES.has(type) ? type : 'application/octet-stream', bytes: row.bytes };
}

/** A lookup bound to one open database, with the statement prepared once. */
export function assetLookup(db: Database.Database): AssetLookup {
  return (sha256) => getAsset(db, sha256);
}
