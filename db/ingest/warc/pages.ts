// Which records of a web archive are pages: HTML responses (or a WACZ's page list), revisits resolved, redirects followed.
import type { RecordEntry } from './scan.js';

/** A record with the container part (WARC file) it lives in: a WACZ holds several. */
export interface PartRecord extends RecordEntry {
  part: number;
}

export interface PlannedPage {
  url: string;
  /** The page's own records, kept as the capture's original bytes: the response (or revisit, or resource) first, then its request. */
  own: PartRecord[];
  /** The record that holds the payload: the page's own response, or the one a revisit points at. */
  payload: PartRecord;
  /** Title given by a WACZ page list. */
  title: string | null;
  /** URLs redirected from on the way here (a listed page that answered 3xx). */
  redirectedFrom: string[];
}

export interface PageList {
  url: string;
  ts: string | null;
  title: string | null;
}

export interface PagePlan {
  pages: PlannedPage[];
  /** Listed pages that cannot become articles, with the reason. */
  problems: { name: string; error: string }[];
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

function time(value: string | null): number {
  if (!value) return NaN;
  // A WACZ page list may give a 14-digit timestamp (20240131120000) instead of ISO 8601.
  const digits = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  return digits
    ? Date.UTC(+digits[1]!, +digits[2]! - 1, +digits[3]!, +digits[4]!, +digits[5]!, +digits[6]!)
    : Date.parse(value);
}

/** Lookups over one container's records. */
export class RecordIndex {
  readonly byId = new Map<string, PartRecord>();
  readonly byUri = new Map<string, PartRecord[]>();
  readonly byDigest = new Map<string, PartRecord>();
  /** Request record of each response or revisit, found by WARC-Concurrent-To either way or as the record next to it. */
  readonly requestOf = new Map<PartRecord, PartRecord>();

  constructor(records: PartRecord[]) {
    const requestsById = new Map<string, PartRecord>();
    for (const r of records) {
      if (r.id) this.byId.set(r.id, r);
      if (r.type === 'request' && r.id) requestsById.set(r.id, r);
      if ((r.type === 'response' || r.type === 'revisit' || r.type === 'resource') && r.uri) {
        const list = this.byUri.get(r.uri);
        if (list) list.push(r);
        else this.byUri.set(r.uri, [r]);
        if (r.type === 'response' && r.payloadDigest && !this.byDigest.has(r.payloadDigest))
          this.byDigest.set(r.payloadDigest, r);
      }
    }
    const responseById = new Map<string, PartRecord>();
    for (const r of records) if (r.type !== 'request' && r.id) responseById.set(r.id, r);
    records.forEach((r, i) => {
      if (r.type !== 'response' && r.type !== 'revisit') return;
      for (const id of r.concurrentTo) {
        const req = requestsById.get(id);
        if (req) return void this.requestOf.set(r, req);
      }
      const near = [records[i - 1], records[i + 1]].find(
        (n) => n?.type === 'request' && n.uri === r.uri && n.part === r.part,
      );
      if (near) this.requestOf.set(r, near);
    });
    for (const req of requestsById.values()) {
      for (const id of req.concurrentTo) {
        const resp = responseById.get(id);
        if (resp && !this.requestOf.has(resp)) this.requestOf.set(resp, req);
      }
    }
  }

  /** The record whose payload a record serves: itself, or for a revisit the original it refers to. */
  payloadOf(r: PartRecord): PartRecord | null {
    if (r.type !== 'revisit') return r;
    const byId = r.refersTo ? this.byId.get(r.refersTo) : undefined;
    if (byId && byId.type !== 'revisit') return byId;
    const byDigest = r.payloadDigest ? this.byDigest.get(r.payloadDigest) : undefined;
    if (byDigest) return byDigest;
    const uri = r.refersToUri ?? r.uri;
    const target = uri ? this.closest(uri, time(r.refersToDate ?? r.date), (c) => c.type === 'response') : null;
    return target;
  }

  /** The capture of `uri` nearest in time to `at` among those `accept` takes. */
  closest(uri: string, at: number, accept: (r: PartRecord) => boolean): PartRecord | null {
    let best: PartRecord | null = null;
    let bestGap = Infinity;
    for (const c of this.byUri.get(uri) ?? []) {
      if (!accept(c)) continue;
      const gap = Number.isNaN(at) ? 0 : Math.abs(time(c.date) - at) || 0;
      if (gap < bestGap) {
        best = c;
        bestGap = gap;
      }
    }
    return best;
  }
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

function page(
  index: RecordIndex,
  r: PartRecord,
  payload: PartRecord,
  title: string | null,
  from: string[],
): PlannedPage {
  const request = index.requestOf.get(r);
  return { url: r.uri!, own: request ? [r, request] : [r], payload, title, redirectedFrom: from };
}

/**
 * Pages of a container. Without a page list every HTML response, revisit and resource record with a 2xx status is
 * a page (the same URL at the same second with the same payload only once: wget fetches a page again when a
 * redirect leads to it). With a list (a WACZ's pages.jsonl), exactly the listed URLs are pages, redirects followed,
 * and every capture of such a URL in the container is a version of it.
 */
export function planPages(index: RecordIndex, records: PartRecord[], list: PageList[] | null): PagePlan {
  const pages: PlannedPage[] = [];
  const problems: PagePlan['problems'] = [];
  const seen = new Set<string>();
  const add = (p: PlannedPage): void => {
    const key = `${p.own[0]!.part}:${p.own[0]!.offset}`;
    const same = `${p.url}\u0000${p.own[0]!.date}\u0000${p.payload.payloadDigest ?? p.payload.offset}`;
    if (seen.has(key) || seen.has(same)) return;
    seen.add(key);
    seen.add(same);
    pages.push(p);
  };
  if (!list) {
    for (const r of records) {
      if (!r.uri || (r.type !== 'response' && r.type !== 'revisit' && r.type !== 'resource')) continue;
      const payload = index.payloadOf(r);
      if (!payload) {
        if (r.type === 'revisit' && HTML_TYPES.has(mediaType(r.contentType)))
          problems.push({
            name: r.uri,
            error: `revisit record ${r.id ?? ''} points at a capture that is not in this container`,
          });
        continue;
      }
      if (isHtml(r, payload) && isSuccess(r, payload)) add(page(index, r, payload, null, []));
    }
    return { pages, problems };
  }
  for (const item of list) {
    let url = item.url;
    let at = time(item.ts);
    const from: string[] = [];
    let found: PlannedPage | null = null;
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
      else found = page(index, r, payload, item.title, from);
      break;
    }
    if (!found) {
      problems.push({ name: item.url, error: `Listed as a page, but ${error}.` });
      continue;
    }
    // The list names a URL; its other captures in the container are earlier or later versions of that page.
    for (const r of records) {
      if (r.uri !== found.url || (r.type !== 'response' && r.type !== 'revisit' && r.type !== 'resource')) continue;
      const payload = index.payloadOf(r);
      if (r === found.own[0] || !payload || !isHtml(r, payload) || !isSuccess(r, payload)) continue;
      add(page(index, r, payload, item.title, from));
    }
    add(found);
  }
  return { pages, problems };
}
