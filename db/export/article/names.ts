// Splits an article's byline into people (family and given names) for citations; organisations stay whole.

export interface PersonName {
  family?: string;
  given?: string;
  /** A name that is not "Given Family" (an organisation, a single word, a script without spaces). */
  literal?: string;
}

/** Words a byline carries that are not names. */
const NOISE = /^(?:by|von|written by|posted by|author:?)\s+/i;
const ORG_WORDS =
  /\b(?:staff|team|editors?|editorial|news|press|agency|inc\.?|ltd\.?|llc|association|society|institute|university|foundation|reuters|associated)\b/i;
/** Lower-case particles that belong to the family name (van Gogh, de la Cruz). */
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'bin',
  'al',
]);

function splitPeople(byline: string): string[] {
  const cleaned = byline.replace(NOISE, '').replace(/\s+/g, ' ').trim();
  if (!cleaned) return [];
  // "Doe, Jane" is one person written family-first; "Doe, Jane and Roe, Rick" two; "Jane Doe, Rick Roe" two.
  const byAnd = cleaned.split(/\s*(?:;|&|\band\b)\s*/i).filter(Boolean);
  const people: string[] = [];
  for (const part of byAnd) {
    const commas = part.split(/\s*,\s*/).filter(Boolean);
    const familyFirst = commas.length === 2 && !commas[0]!.includes(' ') && commas[1]!.split(' ').length <= 3;
    if (familyFirst) people.push(part);
    else people.push(...commas);
  }
  return people;
}

export function parsePerson(raw: string): PersonName {
  const name = raw.trim();
  if (ORG_WORDS.test(name) || !/\s|,/.test(name) || /[\u3000-\u9fff\uac00-\ud7af]/.test(name)) return { literal: name };
  const comma = name.indexOf(',');
  if (comma > 0) return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
  const words = name.split(' ');
  // The family name starts at the first lower-case particle after the first word, else it is the last word.
  let start = words.length - 1;
  for (let i = 1; i < words.length - 1; i++) {
    if (PARTICLES.has(words[i]!)) {
      start = i;
      break;
    }
  }
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}

export function parseByline(byline: string | null): PersonName[] {
  if (!byline) return [];
  return splitPeople(byline).map(parsePerson);
}
