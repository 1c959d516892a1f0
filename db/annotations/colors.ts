// Highlight colors with meaning: list them, relabel or recolor one, or add a new one.
import { LIMITS } from '../contract/limits.js';
import type Database from 'better-sqlite3';
import type { HighlightColor } from '../contract/types.js';
import { stmts } from './statements.js';
import { invalid } from './validate.js';

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const HEX = /^#[0-9a-f]{6}$/i;

export function listColors(db: Database.Database, _input: Record<string, never> = {}): HighlightColor[] {
  return stmts(db).listColors.all();
}

/** Upserts by name: an existing color keeps its name and place (annotations refer to it) and gets the new label and hex. */
export function setColor(db: Database.Database, input: HighlightColor): HighlightColor[] {
  const name = typeof input?.name === 'string' ? input.name.trim().toLowerCase() : '';
  if (!NAME.test(name))
    throw invalid('A color name is a short lowercase word such as "orange" (letters, digits, dashes).');
  const label = typeof input.label === 'string' ? input.label.trim() : '';
  if (!label || label.length > LIMITS.colorLabel)
    throw invalid(`A color needs a label of 1 to ${LIMITS.colorLabel} characters, such as "Key claim".`);
  const hex = typeof input.hex === 'string' ? input.hex.trim() : '';
  if (!HEX.test(hex)) throw invalid('A color hex looks like #f5d34f.');
  stmts(db).upsertColor.run({ name, label, hex: hex.toLowerCase() });
  return listColors(db);
}
