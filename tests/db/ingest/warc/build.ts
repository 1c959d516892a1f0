// Test helper: real WARC records written with warcio (gzip per record or plain), and WACZ packages written with yazl.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { WARCRecord, WARCSerializer } from 'warcio';
import yazl from 'yazl';

const enc = new TextEncoder();

export interface RecordSpec {
  type?: 'response' | 'request' | 'revisit' | 'resource' | 'metadata';
  url: string;
  date: string;
  status?: number;
  contentType?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  warcHeaders?: Record<string, string>;
  refersToUrl?: string;
  refersToDate?: string;
}

export async function record(spec: RecordSpec, gzip: boolean): Promise<Uint8Array> {
  const type = spec.type ?? 'response';
  const body = typeof spec.body === 'string' ? enc.encode(spec.body) : (spec.body ?? new Uint8Array(0));
  const httpHeaders: Record<string, string> = { ...(spec.headers ?? {}) };
  if (spec.contentType) httpHeaders['Content-Type'] = spec.contentType;
  const status = spec.status ?? 200;
  const rec = WARCRecord.create(
    {
      url: spec.url,
      date: spec.date,
      type,
      warcVersion: 'WARC/1.1',
      warcHeaders:
        spec.warcHeaders ?? (type === 'resource' && spec.contentType ? { 'Content-Type': spec.contentType } : {}),
      ...(type === 'resource' ? {} : { httpHeaders }),
      statusline: type === 'request' ? `GET ${new URL(spec.url).pathname} HTTP/1.1` : `HTTP/1.1 ${status} X`,
      ...(spec.refersToUrl ? { refersToUrl: spec.refersToUrl, refersToDate: spec.refersToDate } : {}),
    },
    (async function* () {
      if (body.length) yield body;
    })(),
  );
  return WARCSerializer.serialize(rec, { gzip });
}

export async function warc(specs: RecordSpec[], gzip = true): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const s of specs) parts.push(await record(s, gzip));
  return Buffer.concat(parts);
}

export const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** A WACZ: the WARC stored (not deflated, as WACZ writers do), pages.jsonl, and a datapackage.json of their hashes. */
export async function wacz(
  file: string,
  warcBytes: Buffer,
  pages: { url: string; ts: string; title?: string }[] | null,
  tamper?: (files: Map<string, Buffer>) => void,
): Promise<void> {
  const files = new Map<string, Buffer>();
  files.set('archive/data.warc.gz', warcBytes);
  if (pages) {
    const lines = [JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' })];
    for (const p of pages) lines.push(JSON.stringify({ id: sha256(p.url).slice(0, 8), ...p }));
    files.set('pages/pages.jsonl', Buffer.from(lines.join('\n') + '\n'));
  }
  const resources = [...files].map(([path, bytes]) => ({
    name: path.split('/').pop(),
    path,
    hash: `sha256:${sha256(bytes)}`,
    bytes: bytes.length,
  }));
  files.set(
    'datapackage.json',
    Buffer.from(JSON.stringify({ profile: 'data-package', wacz_version: '1.1.1', resources }, null, 2)),
  );
  tamper?.(files);
  const zip = new yazl.ZipFile();
  for (const [path, bytes] of files) zip.addBuffer(bytes, path, { compress: !path.startsWith('archive/') });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
  });
}

/** A small PNG (1x1). */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f9d5f40000000049454e44ae426082',
  'hex',
);
