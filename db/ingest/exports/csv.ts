// Reads a CSV export (csv-parse): a BOM, quoted commas and line breaks, ragged rows; each row with its own text and line.
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** Fields by the header's lower-cased names; a missing column is undefined. */
  get(column: string): string | undefined;
  /** The row exactly as the file has it, without its line ending: the item's own bytes. */
  raw: string;
  line: number;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  /** Rows the parser could not read at all (an unclosed quote), by line. */
  problems: Array<{ line: number; error: string }>;
}

/** The first line's column names, lower-cased, from the start of a file (enough to recognise an export). */
export function csvHeader(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

export function readCsv(text: string): CsvTable {
  const problems: CsvTable['problems'] = [];
  const records = parse(text, {
    bom: true,
    raw: true,
    info: true,
    // Spreadsheets and hand edits leave stray quotes inside fields and rows shorter or longer than the header.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    on_skip: (err) => {
      problems.push({
        line: err?.lines ?? 0,
        error: `Skipped: the CSV cannot be read from here (${(err?.message ?? 'malformed row').replace(/\s+at line \d+/, '')}).`,
      });
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; raw: string; info: { lines: number } }>;
  const [head, ...body] = records;
  const header = (head?.record ?? []).map((h) => h.trim().toLowerCase());
  const index = new Map(header.map((h, i) => [h, i] as const));
  const rows = body.map((r): CsvRow => ({
    get: (column) => {
      const i = index.get(column);
      return i === undefined ? undefined : r.record[i];
    },
    raw: r.raw.replace(/^[\r\n]+|[\r\n]+$/g, ''),
    line: r.info.lines,
  }));
  return { header, rows, problems };
}
