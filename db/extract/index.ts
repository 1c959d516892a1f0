// The importers' front door: checks the bytes, picks the importer, returns one normalized capture.
import type { ImportInput, NormalizedCapture } from './types.js';
import { ArchiveError } from '../contract/errors.js';
import { assertImportable } from './limits.js';
import { decodeBytes, type DecodedText } from './charset.js';
import { fitCapture } from './capture-limits.js';
import { chooseImporter, type ImporterKind } from './detect.js';
import { extractText, TEXT_IMPORTER_VERSION } from './text.js';
import { extractHtml, HTML_IMPORTER_VERSION } from './html.js';
import { extractMarkdown, MARKDOWN_IMPORTER_VERSION } from './markdown.js';

export type { ImportInput, NormalizedCapture, ExtractedAsset } from './types.js';
export { MAX_IMPORT_BYTES, rejectReason } from './limits.js';
export { TEXT_IMPORTER_VERSION } from './text.js';
export { HTML_IMPORTER_VERSION } from './html.js';
export { MARKDOWN_IMPORTER_VERSION } from './markdown.js';
export { createExtractionPool, type ExtractionPool, type ExtractionPoolOptions } from './pool.js';
export { sanitizeReaderHtml } from './sanitize.js';
export { htmlToPlainText } from './plain-text.js';
export type { ImporterKind } from './detect.js';

/** Version of each importer: a capture records the one that made it, so re-extraction can be targeted. */
export const IMPORTER_VERSIONS: Record<ImporterKind, string> = {
  text: TEXT_IMPORTER_VERSION,
  html: HTML_IMPORTER_VERSION,
  markdown: MARKDOWN_IMPORTER_VERSION,
};

const UNREADABLE_RATIO = 0.1;
const UNREADABLE_CHAR = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;
const UNREADABLE_CHARS = new RegExp(UNREADABLE_CHAR.source, 'g');

/** Decoded text that is mostly replacement or control characters is binary that slipped past the magic checks. */
function assertReadable(text: string, fileName: string): void {
  const sample = text.slice(0, 20000);
  if (!sample.trim())
    throw new ArchiveError('INVALID_INPUT', `${fileName || 'The file'} has no text (only whitespace).`);
  // One scan, and counting only when there is something to count: this runs on every imported file.
  const bad = UNREADABLE_CHAR.test(sample) ? (sample.match(UNREADABLE_CHARS)?.length ?? 0) : 0;
  if (bad / sample.length > UNREADABLE_RATIO) {
    throw new ArchiveError(
      'UNSUPPORTED_FORMAT',
      `${fileName || 'The file'} is not readable text (it looks like a binary file).`,
    );
  }
}

/** Which importer would handle this input (after the same checks extractCapture makes). */
export function detectImporter(input: ImportInput): ImporterKind {
  assertImportable(input.bytes, input.fileName);
  return chooseImporter(
    input.fileName,
    input.mediaType,
    () => decodeBytes(input.bytes.subarray(0, 4096), { html: true }).text,
  );
}

function runImporter(kind: ImporterKind, input: ImportInput, decoded: DecodedText): NormalizedCapture {
  switch (kind) {
    case 'text':
      return extractText(input, decoded);
    case 'html':
      return extractHtml(input, decoded);
    case 'markdown':
      return extractMarkdown(input, decoded);
  }
}

const FORMAT_NAMES: Record<ImporterKind, string> = { text: 'text', html: 'a web page', markdown: 'Markdown' };

/**
 * Bytes in -> normalized capture out, fitted to the archive's limits. Throws only ArchiveError (INVALID_INPUT /
 * UNSUPPORTED_FORMAT) with a readable reason: a parser that trips on hostile input (a stack overflow on deep
 * nesting, a TypeError on a truncated tag) is reported as what it means for the file, not with its own text.
 */
export async function extractCapture(input: ImportInput): Promise<NormalizedCapture> {
  let kind: ImporterKind | null = null;
  try {
    kind = detectImporter(input);
    const decoded = decodeBytes(input.bytes, { contentType: input.mediaType, html: kind === 'html' });
    assertReadable(decoded.text, input.fileName);
    return fitCapture(runImporter(kind, input, decoded));
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    const deep = err instanceof RangeError && /call stack/i.test(err.message);
    throw new ArchiveError(
      'UNSUPPORTED_FORMAT',
      `${input.fileName || 'The file'} could not be read${kind ? ` as ${FORMAT_NAMES[kind]}` : ''}: ` +
        (deep ? 'its structure is nested too deeply.' : 'its content is malformed.'),
    );
  }
}
