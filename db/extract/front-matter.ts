// YAML front matter of Markdown notes: the `yaml` package parses it, with a fast path for flat `key: value` blocks.
import YAML from 'yaml';

export type FrontMatter = Record<string, unknown>;

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

// `key: value` with a plain key (letters, digits, `_`, `-`; starting with a letter) and exactly one space.
const FLAT_LINE = /^([A-Za-z][A-Za-z0-9_-]{0,63}): (.+)$/;
// Plain words the core schema resolves to null or a boolean rather than a string: as values they are not strings,
// and as keys their objects are not keyed by their text.
const SPECIAL_WORD = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
// A plain scalar that can only be a string: starts with a letter or a date, holds no comment (`#`), no
// `: ` or trailing `:` (a nested mapping), no flow or quote characters, no tab, no trailing space.
const PLAIN_STRING = /^(?:[A-Za-z]|\d{4}-\d{2}-\d{2}(?![0-9]))(?:[^#:\t"'[\]{}\\]|:(?=[^ ]))*$/;
// A double-quoted scalar as JSON.stringify writes it: escapes JSON and YAML read alike, no surrogate escapes.
const JSON_STRING = /^"(?:[^"\\]|\\["\\/bfnrt]|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"$/;
// Left to the parser: tabs, CR and other controls, NEL and Unicode line separators, surrogates, the BOM and
// non-characters (whitespace, line-break and printable-set rules where JSON and YAML may disagree).
const LEFT_TO_PARSER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;

/**
 * The mapping `yaml` would return, for front matter made only of `key: value` lines whose values are plain
 * strings or JSON-style double-quoted strings (what most exporters write); null for anything else, which then
 * goes to `yaml` itself. Parsing those lines by hand is ~20x cheaper; tests/db/extract/front-matter.test.ts
 * holds it to `yaml`'s result on generated blocks.
 */
export function parseFlatFrontMatter(yamlText: string): FrontMatter | null {
  if (LEFT_TO_PARSER.test(yamlText)) return null;
  const data: FrontMatter = {};
  for (const line of yamlText.split('\n')) {
    const m = FLAT_LINE.exec(line);
    if (!m) return null;
    const key = m[1]!;
    const raw = m[2]!;
    if (SPECIAL_WORD.test(key) || Object.hasOwn(data, key)) return null;
    if (raw.startsWith('"')) {
      if (!JSON_STRING.test(raw)) return null;
      data[key] = JSON.parse(raw) as string;
    } else {
      if (!PLAIN_STRING.test(raw) || raw.endsWith(' ') || SPECIAL_WORD.test(raw)) return null;
      data[key] = raw;
    }
  }
  return data;
}

/** Splits off YAML front matter; a block that is not valid YAML mapping is left in the body. */
export function splitFrontMatter(source: string): { data: FrontMatter; body: string } {
  const m = FRONT_MATTER.exec(source);
  if (!m) return { data: {}, body: source };
  const flat = parseFlatFrontMatter(m[1]!);
  if (flat) return { data: flat, body: source.slice(m[0].length) };
  try {
    // prettyErrors only shapes error messages, which are never shown: leaving it off saves building them.
    const data: unknown = YAML.parse(m[1]!, { schema: 'core', prettyErrors: false });
    if (data && typeof data === 'object' && !Array.isArray(data))
      return { data: data as FrontMatter, body: source.slice(m[0].length) };
  } catch {
    // Not YAML after all (a horizontal rule at the top, say): keep it as text.
  }
  return { data: {}, body: source };
}
