// Images in an HTML document: local ones get placeholders before extraction and become assets after; remote ones
// stay as they are for Readability to judge, then become "not archived" placeholders (never fetched).
import crypto from 'node:crypto';
import { parseHTML } from 'linkedom';
import type { ExtractedAsset, PageFile, PageResource } from './types.js';
import { pageFileFor } from './page-files.js';
import { AssetCollector } from './assets.js';
import { cleanInline } from './util.js';
import { MISSING_IMAGE_SRC } from './sanitize.js';

type LinkedomDocument = ReturnType<typeof parseHTML>['document'];
/** What pickImageRef reads of an <img>; typed structurally so DOM-lib and linkedom typings both fit. */
interface ImageAttributes {
  getAttribute(name: string): string | null;
}
interface ImageElement extends ImageAttributes {
  getAttributeNames(): string[];
  removeAttribute(name: string): void;
  setAttribute(name: string, value: string): void;
  remove(): void;
}

/** Parses a page or a fragment; linkedom needs an <html> root to build head and body. */
export function parseDocument(html: string): LinkedomDocument {
  const wrapped = /<html[\s>]/i.test(html.slice(0, 65536))
    ? html
    : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(wrapped).document;
}

/** Attributes lazy-loading scripts use for the real image while `src` holds a placeholder. */
const LAZY_ATTRIBUTES = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-url', 'data-hi-res-src'];

function firstSrcsetUrl(srcset: string | null): string | null {
  return srcset?.trim().split(/\s+/)[0] || null;
}

function pickImageRef(img: ImageAttributes): string | null {
  const src = img.getAttribute('src')?.trim() || null;
  const placeholder = !src || (/^data:/i.test(src) && src.length < 200);
  if (!placeholder) return src;
  for (const attr of LAZY_ATTRIBUTES) {
    const v = img.getAttribute(attr)?.trim();
    if (v) return v;
  }
  return firstSrcsetUrl(img.getAttribute('data-srcset')) ?? firstSrcsetUrl(img.getAttribute('srcset')) ?? src;
}

/** Anything with a scheme other than data:image, or protocol-relative: never loaded. */
function isRemoteOrForeign(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) ? !/^data:image\//i.test(ref) : ref.startsWith('//');
}

/**
 * Placeholders let local images survive Readability (which would resolve relative paths into remote URLs against
 * the page's base) and defer reading files until we know the image is in the article.
 */
export class ImagePlaceholders {
  private readonly refs: string[] = [];
  // A per-call nonce, so a page cannot forge a placeholder of its own; it never reaches the output.
  private readonly nonce = crypto.randomBytes(6).toString('hex');
  private readonly collector: AssetCollector;

  /** Images that came with the page, by absolute URL, and the address their references resolve against. */
  private readonly resources: Map<string, Uint8Array>;
  private baseUrl: string | null;
  /** Files uploaded with the page (the app's folder import), by relative path. */
  private readonly files: PageFile[];

  /** Images the archive already holds, by the exact reference the page used (re-extraction). */
  private readonly archived: Map<string, Uint8Array>;

  constructor(
    private readonly baseDir: string | null,
    resources: {
      pageUrl: string | null;
      list: PageResource[];
      files?: PageFile[];
      archived?: PageResource[];
    } = { pageUrl: null, list: [] },
  ) {
    this.collector = new AssetCollector(baseDir);
    this.archived = new Map((resources.archived ?? []).map((r) => [r.url, r.bytes]));
    this.resources = new Map(resources.list.map((r) => [r.url, r.bytes]));
    this.baseUrl = resources.pageUrl;
    this.files = resources.files ?? [];
  }

  /** The bytes that came with the page for this reference, if any (resolved as the browser would, <base> included). */
  private resourceFor(ref: string): Uint8Array | null {
    const archived = this.archived.get(ref);
    if (archived) return archived;
    if (/^data:/i.test(ref)) return null;
    if (this.files.length && !isRemoteOrForeign(ref)) {
      const file = pageFileFor(ref, this.files);
      if (file) return file;
    }
    if (this.resources.size === 0) return null;
    try {
      return this.resources.get(new URL(ref, this.baseUrl ?? undefined).href) ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Local images get a placeholder src (other attributes but alt/title/size dropped). Remote ones are left as the
   * page has them: turning them into text here would add it to the article and change what Readability sees.
   */
  prepare(doc: LinkedomDocument): void {
    const base = doc.querySelector('base')?.getAttribute('href');
    if (base && this.resources.size > 0) {
      try {
        this.baseUrl = new URL(base, this.baseUrl ?? undefined).href;
      } catch {
        // An unreadable <base> is ignored, as browsers do.
      }
    }
    for (const img of [...doc.querySelectorAll('img')]) {
      const ref = pickImageRef(img);
      const local =
        ref !== null &&
        ((!isRemoteOrForeign(ref) && (/^data:/i.test(ref) || this.baseDir !== null)) || this.resourceFor(ref) !== null);
      if (!local) continue;
      const keep: Array<[string, string]> = [];
      for (const name of ['alt', 'title', 'width', 'height']) {
        const v = img.getAttribute(name);
        if (v != null) keep.push([name, v]);
      }
      for (const name of [...img.getAttributeNames()]) img.removeAttribute(name);
      img.setAttribute('src', `asset:pending-${this.nonce}-${this.refs.push(ref) - 1}`);
      for (const [name, v] of keep) img.setAttribute(name, v);
    }
  }

  /** Loads the images still referenced in `html`; unresolvable ones get an invalid src the sanitizer turns into alt text. */
  resolve(html: string): string {
    const pending = new RegExp(`asset:pending-${this.nonce}-(\\d+)`, 'g');
    return html.replace(pending, (_m, n: string) => {
      const ref = this.refs[Number(n)];
      const resource = ref ? this.resourceFor(ref) : null;
      const sha = ref ? (resource ? this.collector.addBytes(ref, resource) : this.collector.add(ref)) : null;
      return sha ? `asset:${sha}` : MISSING_IMAGE_SRC;
    });
  }

  /**
   * After extraction: every image not waiting for an asset is one the archive will not hold. It becomes a
   * placeholder keeping only its alt text (shown as its caption); tracking pixels and unlabeled spacers go.
   */
  markMissing(root: { querySelectorAll(s: string): ArrayLike<ImageElement> }): void {
    const pending = `asset:pending-${this.nonce}-`;
    for (const img of Array.from(root.querySelectorAll('img'))) {
      const src = img.getAttribute('src') ?? '';
      if (src.startsWith(pending)) continue;
      const alt = cleanInline(img.getAttribute('alt'));
      const tiny = ['width', 'height'].some((a) => /^[0-2](px)?$/.test(img.getAttribute(a)?.trim() ?? ''));
      if (tiny || (!alt && img.getAttribute('aria-hidden') === 'true')) {
        img.remove();
        continue;
      }
      for (const name of [...img.getAttributeNames()]) img.removeAttribute(name);
      // linkedom puts a new attribute first: src, then alt, serializes as alt="..." src="..." like archived images.
      img.setAttribute('src', MISSING_IMAGE_SRC);
      if (alt) img.setAttribute('alt', alt);
    }
  }

  /** The assets the final HTML actually shows. */
  assetsUsedIn(html: string): ExtractedAsset[] {
    const used = new Set([...html.matchAll(/asset:([0-9a-f]{64})/g)].map((m) => m[1]));
    return this.collector.list().filter((a) => used.has(a.sha256));
  }
}
