// Collects files from drops (walking folders via webkitGetAsEntry) and file inputs; encodes bytes as base64.

export interface PickedFile {
  file: File;
  /** Path inside the dropped folder, or just the name. */
  path: string;
}

const SKIP = /(^|\/)(\.|__MACOSX|Thumbs\.db$|desktop\.ini$)/;

export async function filesFromDrop(items: DataTransferItemList): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  const out: PickedFile[] = [];
  for (const item of Array.from(items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      // no entry (a drop from another app's list): the file itself, without its folder
      const file = item.getAsFile();
      if (file) out.push({ file, path: file.name });
    }
  }
  for (const entry of entries) await walkEntry(entry, out);
  return out.filter((f) => !SKIP.test(f.path));
}

async function walkEntry(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') });
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call: keep reading until it returns none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (!batch.length) break;
      for (const child of batch) await walkEntry(child, out);
    }
  }
}

export function filesFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [])
    .map((file) => ({ file, path: file.webkitRelativePath || file.name }))
    .filter((f) => !SKIP.test(f.path));
}

export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Saves text as a file through a Blob download. */
export function download(fileName: string, mediaType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One import: a file, and for a saved web page the files of its `Page_files/` folder (paths relative to the page). */
export interface ImportItem {
  main: PickedFile;
  pageFiles: { path: string; file: File }[];
}

const PAGE = /\.(html?|xhtml|shtml)$/i;
const IMAGE = /\.(jpe?g|png|gif|webp|avif|svg|bmp|ico)$/i;

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '');

/**
 * Groups a pick or a drop as the CLI reads a folder: a browser's `Page_files/` (or `Page.files/`) folder beside
 * `Page.html` holds that page's images, not articles, so its files go with the page. Images picked loose beside
 * pages (no folder) go with those pages too, matched by name.
 */
export function groupPageFiles(files: PickedFile[]): ImportItem[] {
  const paths = new Set(files.map((f) => f.path));
  const owner = new Map<string, string>(); // folder prefix "dir/Page_files/" -> page path
  for (const f of files) {
    const m = /^(.*\/)?([^/]+)(_files|\.files)\/./.exec(f.path);
    if (!m) continue;
    const dir = m[1] ?? '';
    const prefix = `${dir}${m[2]}${m[3]}/`;
    if (owner.has(prefix)) continue;
    const page = ['.html', '.htm', '.xhtml', '.shtml'].map((ext) => `${dir}${m[2]}${ext}`).find((p) => paths.has(p));
    if (page) owner.set(prefix, page);
  }
  const attached = new Map<string, ImportItem['pageFiles']>();
  const taken = new Set<PickedFile>();
  for (const f of files) {
    for (const [prefix, page] of owner) {
      if (!f.path.startsWith(prefix)) continue;
      const list = attached.get(page) ?? [];
      list.push({ path: f.path.slice(dirOf(page).length), file: f.file });
      attached.set(page, list);
      taken.add(f);
      break;
    }
  }
  const loosePages = files.filter((f) => !f.path.includes('/') && PAGE.test(f.path));
  const looseImages = loosePages.length ? files.filter((f) => !f.path.includes('/') && IMAGE.test(f.path)) : [];
  for (const img of looseImages) {
    taken.add(img);
    for (const p of loosePages) {
      const list = attached.get(p.path) ?? [];
      list.push({ path: img.path, file: img.file });
      attached.set(p.path, list);
    }
  }
  return files.filter((f) => !taken.has(f)).map((f) => ({ main: f, pageFiles: attached.get(f.path) ?? [] }));
}
