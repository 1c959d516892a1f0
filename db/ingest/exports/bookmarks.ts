// The Netscape bookmark file every browser exports: nested <DL> folders of <DT><A HREF ADD_DATE TAGS> links, read in one pass.
import { Parser } from 'htmlparser2';
import type { SourceProblem } from '../source.js';
import { isRecordProblem, linkItem, makeRecord, type ExportContext, type ExportItem, type Tool } from './item.js';
import { isoDate, splitTags } from './record.js';

const BOOKMARKS: Tool = { tool: 'bookmarks', toolLabel: 'browser bookmarks' };

/** Between folder names in a nested folder's collection ("Bookmarks bar / Tech / JavaScript"). */
export const FOLDER_SEPARATOR = ' / ';

/** Text fed to the parser at a time: items are handed on as they are found, so a 100k-link file is never held as items. */
const CHUNK = 256 * 1024;

/** The links a bookmark file holds (each <A>), counted without parsing: the import's total before it starts. */
export function countBookmarks(text: string): number {
  return text.match(/<a\s/gi)?.length ?? 0;
}

export function bookmarksHtml(text: string, ctx: ExportContext): Array<ExportItem | SourceProblem> {
  return [...bookmarkItems(text, ctx)];
}

/**
 * Folders become collections named by their path. One pass over the file with a stack of open folders, items handed
 * on chunk by chunk: time grows with the file and memory with the deepest folder, however many links (a <DL> opens
 * the folder whose <H3> came just before it; the parser closes the tags the format leaves open).
 */
export function* bookmarkItems(text: string, ctx: ExportContext): Generator<ExportItem | SourceProblem> {
  const out: Array<ExportItem | SourceProblem> = [];
  const folders: Array<string | null> = [];
  let heading: string | null = null;
  let pendingFolder: string | null = null;
  let link: { attrs: Record<string, string>; start: number; title: string } | null = null;
  let description: { item: ExportItem; text: string } | null = null;
  let line = 1;
  let lineAt = 0;
  const lineOf = (at: number): number => {
    // Counted forward only: the parser reports positions in order.
    for (let i = text.indexOf('\n', lineAt); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      lineAt = i + 1;
    }
    return line;
  };
  const finishDescription = () => {
    if (description) {
      const t = description.text.trim().replace(/\s+/g, ' ');
      if (t) description.item.record.excerpt = t;
      description = null;
    }
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'dt' || name === 'dl') finishDescription();
        if (name === 'h3') heading = '';
        else if (name === 'dl') {
          folders.push(pendingFolder);
          pendingFolder = null;
        } else if (name === 'a') link = { attrs, start: parser.startIndex, title: '' };
        else if (name === 'dd' && out.length && !isProblem(out[out.length - 1]!))
          description = { item: out[out.length - 1] as ExportItem, text: '' };
      },
      ontext(data) {
        if (heading !== null) heading += data;
        else if (link) link.title += data;
        else if (description) description.text += data;
      },
      onclosetag(name) {
        if (name === 'h3' && heading !== null) {
          pendingFolder = heading.trim().replace(/\s+/g, ' ') || 'Untitled folder';
          heading = null;
        } else if (name === 'dl') {
          finishDescription();
          folders.pop();
        } else if (name === 'a' && link) {
          const { attrs, start, title } = link;
          link = null;
          const path = folders.filter((f): f is string => f !== null).join(FOLDER_SEPARATOR);
          const record = makeRecord(
            ctx,
            BOOKMARKS,
            {
              itemId: null,
              url: attrs.href ?? null,
              title,
              addedAt: isoDate(attrs.add_date),
              tags: splitTags(attrs.tags ?? '', /,/),
              collections: path ? [path] : [],
              annotations: [],
            },
            `line ${lineOf(start)}`,
          );
          const own = text.slice(start, parser.endIndex + 1);
          out.push(isRecordProblem(record) ? record : linkItem(ctx, record, Buffer.from(own, 'utf8'), 'text/html'));
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  for (let at = 0; at < text.length; at += CHUNK) {
    parser.write(text.slice(at, at + CHUNK));
    // The last item stays: a <DD> description after it may still be in the next chunk.
    if (out.length > 1) yield* out.splice(0, out.length - 1);
  }
  parser.end();
  finishDescription();
  yield* out;
}

function isProblem(x: ExportItem | SourceProblem): x is SourceProblem {
  return 'error' in x;
}
