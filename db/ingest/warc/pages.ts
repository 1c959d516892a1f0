// Which records of a web archive are pages: HTML responses (or a WACZ's page list), revisits resolved, redirects followed.
import { captureTime as time, type PartRecord, type RecordIndex } from './record-index.js';

export interface PageList {
  url: string;
  ts: string | null;
  title: string | null;
}

/** A page that cannot become an article (a listed URL not in the container, a revisit of nothing), with the reason. */
export interface PageProblem {
  name: string;
  error: string;
}

const MAX_REDIRECTS = 5;

function mediaType(value: string | null): string {
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/**
 * A `resource` record of one of these types at a web address is an article too: Stacks writes its Markdown notes and
 * text clippings that way when it exports a WACZ. Tools' own text resources (wget's log, its arguments) have
 * `metadata:` or `urn:` addresses and stay out.
 */
const TEXT_TYPES = new Set(['text/markdown', 'text/x-markdown', 'text/plain']);

function isArticleResource(r: PartRecord): boolean {
  const type = mediaType(r.warcContentType);
  return HTML_TYPES.has(type) || (TEXT_TYPES.has(type) && /^https?:\/\//i.test(r.uri ?? ''));
}

function isHtml(r: PartRecord, payload: PartRecord): boolean {
  if (r.type === 'resource') return isArticleResource(r);
  return HTML_TYPES.has(mediaType(r.contentType ?? payload.contentType));
}

function isSuccess(r: PartRecord, payload: PartRecord): boolean {
  if (r.type === 'resource') return true;
  const status = r.status ?? payload.status;
  return status !== null && status >= 200 && status < 300;
}

/** Plans the page `r` is (the index skips one planned already). */
function page(index: RecordIndex, r: PartRecord, payload: PartRecord, title: string | null, from: string[]): void {
  index.addPage({ url: r.uri!, main: r, request: index.requestOf(r), payload, title, redirectedFrom: from });
}

/**
 * Pages of a container, planned into its index (in order; read back with `index.pagesAfter`). Without a page list
 * every HTML response, revisit and resource record with a 2xx status is a page (the same URL at the same second with
 * the same payload only once: wget fetches a page again when a redirect leads to it). With a list (a WACZ's
 * pages.jsonl), exactly the listed URLs are pages, redirects followed, and every capture of such a URL in the
 * container is a version of it. Returns the listed pages that cannot become articles, with the reason.
 */
export function planPages(index: RecordIndex, list: PageList[] | null): PageProblem[] {
  const problems: PageProblem[] = [];
  if (!list) {
    for (
      let chunk = index.candidatesAfter(0);
      chunk.length;
      chunk = index.candidatesAfter(chunk[chunk.length - 1]!.seq)
    ) {
      index.batch(() => {
        for (const r of chunk) {
          const payload = index.payloadOf(r);
          if (!payload) {
            if (r.type === 'revisit' && HTML_TYPES.has(mediaType(r.contentType)))
              problems.push({
                name: r.uri!,
                error: `revisit record ${r.id ?? ''} points at a capture that is not in this container`,
              });
            continue;
          }
          if (isHtml(r, payload) && isSuccess(r, payload)) page(index, r, payload, null, []);
        }
      });
    }
    return problems;
  }
  index.batch(() => {
    for (const item of list) {
      let url = item.url;
      let at = time(item.ts);
      const from: string[] = [];
      let found: { r: PartRecord; payload: PartRecord } | null = null;
      let error = 'no capture of it is in the container';
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const r = index.closest(url, at, (c) => c.type !== 'resource' || isArticleResource(c));
        if (!r) break;
        const payload = index.payloadOf(r);
        if (!payload) {
          error = 'its revisit record points at a capture that is not in the container';
          break;
        }
        const status = r.status ?? payload.status;
        if (status !== null && status >= 300 && status < 400 && r.location) {
          let next: string;
          try {
            next = new URL(r.location, url).href;
          } catch {
            error = `it redirects to an unreadable address (${r.location})`;
            break;
          }
          from.push(url);
          url = next;
          at = time(r.date);
          error = `it redirects to ${next}, which is not in the container`;
          continue;
        }
        if (!isSuccess(r, payload)) error = `its capture has HTTP status ${status}`;
        else if (!isHtml(r, payload))
          error = `it is not an HTML page (${mediaType(r.contentType ?? payload.contentType) || 'no type'})`;
        else found = { r, payload };
        break;
      }
      if (!found) {
        problems.push({ name: item.url, error: `Listed as a page, but ${error}.` });
        continue;
      }
      // The list names a URL; its other captures in the container are earlier or later versions of that page.
      for (const r of index.byUri(found.r.uri!)) {
        const payload = index.payloadOf(r);
        if (r.seq === found.r.seq || !payload || !isHtml(r, payload) || !isSuccess(r, payload)) continue;
        page(index, r, payload, item.title, from);
      }
      page(index, found.r, found.payload, item.title, from);
    }
  });
  return problems;
}
