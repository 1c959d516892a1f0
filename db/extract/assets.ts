// Images kept locally: data: URLs and files saved beside the page become content-addressed assets; nothing remote.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExtractedAsset } from './types.js';

/** One image file larger than this is skipped (its alt text stays). */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;

const IMAGE_MAGIC: ReadonlyArray<{ type: string; test: (b: Uint8Array) => boolean }> = [
  { type: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  {
    type: 'image/webp',
    test: (b) =>
      b[0] === 0x52 &&
      b[1] === 0x49 &&
      b[2] === 0x46 &&
      b[3] === 0x46 &&
      b[8] === 0x57 &&
      b[9] === 0x45 &&
      b[10] === 0x42 &&
      b[11] === 0x50,
  },
  {
    type: 'image/avif',
    test: (b) =>
      b[4] === 0x66 &&
      b[5] === 0x74 &&
      b[6] === 0x79 &&
      b[7] === 0x70 &&
      b[8] === 0x61 &&
      b[9] === 0x76 &&
      b[10] === 0x69,
  },
  { type: 'image/bmp', test: (b) => b[0] === 0x42 && b[1] === 0x4d },
  { type: 'image/x-icon', test: (b) => b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0 },
];

/**
 * The image type by content (never trusting the name or the data: label). SVG is text, recognised by its root;
 * it is kept because the reader shows it through <img>, where its scripts cannot run.
 */
export function sniffImageType(bytes: Uint8Array): string | null {
  for (const m of IMAGE_MAGIC) if (m.test(bytes)) return m.type;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024))
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Bytes of a data: URL, or null when malformed or not an image. */
export function decodeDataUrl(url: string): Uint8Array | null {
  const m = /^data:([^,]*?),(.*)$/is.exec(url.trim());
  if (!m) return null;
  const meta = m[1]!.toLowerCase();
  const payload = m[2]!;
  if (meta && !meta.startsWith('image/') && !meta.startsWith(';')) return null;
  try {
    if (/;base64$/.test(meta)) return new Uint8Array(Buffer.from(payload.replace(/\s+/g, ''), 'base64'));
    return new Uint8Array(Buffer.from(decodeURIComponent(payload), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The file a relative reference points to, only if it lies inside `baseDir` (after following symlinks).
 * Absolute paths, file: URLs, `..` escapes and anything with a URL scheme are refused.
 */
export function resolveBesideFile(ref: string, baseDir: string): string | null {
  const withoutSuffix = ref.trim().replace(/[?#].*$/, '');
  if (!withoutSuffix || /^[a-z][a-z0-9+.-]*:/i.test(withoutSuffix) || withoutSuffix.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutSuffix);
  } catch {
    decoded = withoutSuffix;
  }
  if (decoded.includes('\0') || path.isAbsolute(decoded) || /^[a-z]:[\\/]/i.test(decoded) || decoded.startsWith('\\'))
    return null;
  const root = path.resolve(baseDir);
  const target = path.resolve(root, decoded);
  if (!isInside(root, target)) return null;
  try {
    const realRoot = fs.realpathSync(root);
    const realTarget = fs.realpathSync(target);
    if (!isInside(realRoot, realTarget)) return null;
    const stat = fs.statSync(realTarget);
    if (!stat.isFile() || stat.size === 0 || stat.size > MAX_ASSET_BYTES) return null;
    return realTarget;
  } catch {
    return null;
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Collects assets for one capture, deduplicated by hash. */
export class AssetCollector {
  private readonly byHash = new Map<string, ExtractedAsset>();

  constructor(private readonly baseDir: string | null) {}

  /** Loads an image reference (data: URL or a path beside the file); returns its sha256 or null when not local/valid. */
  add(ref: string): string | null {
    const trimmed = ref.trim();
    let bytes: Uint8Array | null = null;
    if (/^data:/i.test(trimmed)) {
      bytes = decodeDataUrl(trimmed);
    } else if (this.baseDir) {
      const file = resolveBesideFile(trimmed, this.baseDir);
      if (file) bytes = new Uint8Array(fs.readFileSync(file));
    }
    return bytes ? this.addBytes(trimmed, bytes) : null;
  }

  /** An image whose bytes came with the page (a web archive's record for its URL); returns its sha256 or null. */
  addBytes(ref: string, bytes: Uint8Array): string | null {
    const trimmed = ref.trim();
    if (bytes.length === 0 || bytes.length > MAX_ASSET_BYTES) return null;
    const mediaType = sniffImageType(bytes);
    if (!mediaType) return null;
    const sha256 = sha256Hex(bytes);
    if (!this.byHash.has(sha256)) {
      const originalRef = /^data:/i.test(trimmed)
        ? trimmed.slice(0, Math.min(trimmed.indexOf(',') + 1 || 64, 64))
        : trimmed;
      this.byHash.set(sha256, { sha256, mediaType, bytes, originalRef });
    }
    return sha256;
  }

  list(): ExtractedAsset[] {
    return [...this.byHash.values()];
  }
}
