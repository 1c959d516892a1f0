// The images a page in a web archive uses, found in the same container: read so the reader can show them offline.
import { Parser } from 'htmlparser2';
import { MAX_ASSET_BYTES } from '../../extract/assets.js';
import type { PageResource } from '../../extract/types.js';
import type { ByteStore } from './byte-store.js';
import type { PartRecord, RecordIndex } from './record-index.js';
import { decodedPayload, readRecord } from './record.js';

/** A page with more images than this keeps the first ones (a gallery of thousands would hold them all in memory). */
const MAX_IMAGES_PER_PAGE = 200;
const MAX_IMAGE_BYTES_PER_PAGE = 64 * 1024 * 1024;

const IMAGE_ATTRIBUTES = [
  'src',
  'data-src',
  'data-original',
  'data-lazy-src',
  'data-lazy',
  'data-url',
  'data-hi-res-src',
];
const SRCSET_ATTRIBUTES = ['srcset', 'data-srcset'];

/** Every address an <img> (or <picture> <source>) of the page may show, resolved against the page or its <base>. */
export function imageUrls(html: string, pageUrl: string): string[] {
  const refs: string[] = [];
  let base = pageUrl;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href) {
          try {
            base = new URL(attrs.href, pageUrl).href;
          } catch {
            // An unreadable <base> is ignored, as browsers do.
          }
        }
        if (name !== 'img' && name !== 'source') return;
        for (const a of IMAGE_ATTRIBUTES) if (attrs[a]) refs.push(attrs[a]);
        for (const a of SRCSET_ATTRIBUTES) {
          for (const candidate of (attrs[a] ?? '').split(',')) {
            const url = candidate.trim().split(/\s+/)[0];
            if (url) refs.push(url);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  const urls = new Set<string>();
  for (const ref of refs) {
    if (/^data:/i.test(ref.trim())) continue;
    try {
      urls.add(new URL(ref.trim(), base).href);
    } catch {
      // Not an address: the extractor drops it as it drops any image it cannot show.
    }
  }
  return [...urls];
}

function isImageCapture(r: PartRecord, payload: PartRecord): boolean {
  if (r.type === 'resource') return /^image\//i.test(r.warcContentType ?? '');
  const status = r.status ?? payload.status;
  return status !== null && status >= 200 && status < 300;
}

/** The payloads of the page's images that the container holds (nearest capture in time), within per-page bounds. */
export async function readPageImages(
  html: string,
  page: { url: string; date: string | null },
  index: RecordIndex,
  stores: ByteStore[],
): Promise<PageResource[]> {
  const out: PageResource[] = [];
  let total = 0;
  const at = page.date ? Date.parse(page.date) : NaN;
  for (const url of imageUrls(html, page.url)) {
    if (out.length >= MAX_IMAGES_PER_PAGE) break;
    const r = index.closest(url, at, (c) => {
      const p = index.payloadOf(c);
      return p !== null && isImageCapture(c, p);
    });
    const payload = r && index.payloadOf(r);
    if (!payload || payload.length > MAX_ASSET_BYTES * 2) continue;
    try {
      const bytes = await decodedPayload(await readRecord(stores[payload.part]!, payload));
      if (bytes.byteLength === 0 || bytes.byteLength > MAX_ASSET_BYTES) continue;
      if (total + bytes.byteLength > MAX_IMAGE_BYTES_PER_PAGE) break;
      total += bytes.byteLength;
      out.push({ url, bytes });
    } catch {
      // A damaged image record costs the page that image only; the reader shows its alt text.
    }
  }
  return out;
}
