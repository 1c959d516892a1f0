// Finds the uploaded file a page's relative image reference names (a folder import from the app sends the files).
import path from 'node:path';
import type { PageFile } from './types.js';

/**
 * The bytes of `ref` among `files` (paths relative to the page's folder). Only paths inside the folder match:
 * `..` escapes, absolute paths and schemes never do. A file picked on its own (no folder) matches by its name.
 */
export function pageFileFor(ref: string, files: PageFile[]): Uint8Array | null {
  const bare = ref.trim().replace(/[?#].*$/, '');
  if (!bare || /^[a-z][a-z0-9+.-]*:/i.test(bare) || bare.startsWith('/') || bare.startsWith('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    decoded = bare;
  }
  const wanted = path.posix.normalize(decoded.replace(/\\/g, '/'));
  if (wanted.startsWith('..') || wanted.includes('\0')) return null;
  const exact = files.find((f) => path.posix.normalize(f.path) === wanted);
  if (exact) return exact.bytes;
  const name = path.posix.basename(wanted);
  const loose = files.filter((f) => !f.path.includes('/') && f.path === name);
  return loose.length === 1 ? loose[0]!.bytes : null;
}
