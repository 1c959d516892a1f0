// Checks input from outside before it reaches the tables; every refusal is a readable INVALID_INPUT.
import { LIMITS } from '../contract/limits.js';
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { AnnotationKind } from '../contract/types.js';
import { stmts } from './statements.js';

export const KINDS: readonly AnnotationKind[] = ['highlight', 'note', 'article-note'];
// The same bounds the contract's schemas enforce at the edge, from the one list of limits.
export const MAX_NOTE_LENGTH = LIMITS.note;
export const MAX_TAG_LENGTH = LIMITS.name;
export const MAX_TAGS = LIMITS.tags;

export function invalid(message: string): ArchiveError {
  return new ArchiveError('INVALID_INPUT', message);
}

export function checkKind(kind: unknown): AnnotationKind {
  if (!KINDS.includes(kind as AnnotationKind)) {
    throw invalid(`Unknown annotation kind ${JSON.stringify(kind)}; use highlight, note or article-note.`);
  }
  return kind as AnnotationKind;
}

export function checkNote(note: unknown): string {
  if (note === undefined || note === null) return '';
  if (typeof note !== 'string') throw invalid('A note must be text.');
  if (note.length > MAX_NOTE_LENGTH) throw invalid(`A note can hold at most ${MAX_NOTE_LENGTH} characters.`);
  return note;
}

/** Trims, drops empties and case-insensitive duplicates (tag names are case-insensitive in the archive). */
export function checkTags(tags: unknown): string[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw invalid('Tags must be a list of names.');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') throw invalid('Each tag must be text.');
    const name = raw.trim().replace(/^#/, '').replace(/\s+/g, ' ');
    if (!name) continue;
    if (name.length > MAX_TAG_LENGTH)
      throw invalid(`Tag "${name.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters.`);
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  if (out.length > MAX_TAGS) throw invalid(`An annotation can carry at most ${MAX_TAGS} tags.`);
  return out;
}

/** A known color name; a label ("Key claim") is accepted too and mapped to its name. */
export function checkColor(db: Database.Database, color: unknown): string {
  if (typeof color !== 'string' || !color.trim()) throw invalid('A color must be a color name such as "yellow".');
  const found = stmts(db).colorByNameOrLabel.get(color.trim(), color.trim());
  if (!found) {
    const known = stmts(db)
      .listColors.all()
      .map((c) => c.name)
      .join(', ');
    throw invalid(`Unknown color "${color}"; known colors: ${known}.`);
  }
  return found.name;
}

export function checkId(id: unknown, what: string): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
    throw invalid(`${what} must be a positive whole number.`);
  return id;
}
