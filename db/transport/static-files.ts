// Maps a URL path to a file of the built renderer, refusing anything outside its folder and any symbolic link.
import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export interface StaticFile {
  file: string;
  contentType: string;
  /** True for the app page itself (gets the app CSP and is never cached). */
  isPage: boolean;
  /** Vite puts content-hashed files under assets/: those may be cached forever. */
  immutable: boolean;
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves `urlPath` (already without query) inside `root`. Paths without an extension fall back to
 * index.html so client-side routes survive a reload; missing files with an extension are null.
 */
export function resolveStatic(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = path.resolve(root);
  const relative = path.posix.normalize(decoded.replace(/\\/g, '/')).replace(/^\/+/, '');
  if (relative.split('/').includes('..')) return null;
  let file = path.resolve(base, relative || 'index.html');
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  if (isDirectory(file)) file = path.join(file, 'index.html');
  if (!isFile(file)) {
    if (path.extname(relative) !== '') return null;
    file = path.join(base, 'index.html');
    if (!isFile(file)) return null;
  }
  if (!withoutLinks(base, file)) return null;
  const isPage = path.extname(file).toLowerCase() === '.html';
  const immutable = !isPage && path.relative(base, file).split(path.sep)[0] === 'assets';
  return { file, contentType: contentTypeFor(file), isPage, immutable };
}

/**
 * True when no part of `file` below `base` is a symbolic link. A link inside the renderer folder could point
 * anywhere on disk (a stray build step, an attacker with write access to dist/), so links are never followed;
 * the folder itself may be reached through a link.
 */
function withoutLinks(base: string, file: string): boolean {
  try {
    const realBase = fs.realpathSync(base);
    return fs.realpathSync(file) === path.join(realBase, path.relative(base, file));
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
