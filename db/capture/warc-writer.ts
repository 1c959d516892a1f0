// The exchanges of one capture as WARC/1.1 records (warcio): each response block is the bytes the server sent.
import { createHash, randomUUID } from 'node:crypto';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { Exchange } from './exchange.js';

const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function record(
  type: 'request' | 'response',
  ex: Exchange,
  id: string,
  block: Uint8Array,
  extra: Record<string, string>,
): Promise<Uint8Array> {
  const r = WARCRecord.create(
    {
      url: ex.url,
      date: ex.date,
      type,
      warcVersion: 'WARC/1.1',
      warcHeaders: {
        'WARC-Record-ID': id,
        'Content-Type': `application/http; msgtype=${type}`,
        'WARC-Block-Digest': sha256(block),
        ...extra,
      },
    },
    [block],
  );
  // warcio would write HTTP headers of its own making in front of the block: the block already is the exchange.
  r.httpHeaders = null;
  return WARCSerializer.serialize(r, { gzip: false });
}

/** A response record then its request record, as the web archive importer expects a page's records. */
export async function exchangeRecords(ex: Exchange): Promise<Uint8Array[]> {
  const responseId = `<urn:uuid:${randomUUID()}>`;
  const requestId = `<urn:uuid:${randomUUID()}>`;
  const payload = ex.response.subarray(ex.bodyOffset);
  const response = await record('response', ex, responseId, ex.response, {
    'WARC-Payload-Digest': sha256(payload),
    'WARC-Concurrent-To': requestId,
    ...(ex.ip ? { 'WARC-IP-Address': ex.ip } : {}),
  });
  const request = await record('request', ex, requestId, ex.request, {
    // A GET has no body: its payload is empty.
    'WARC-Payload-Digest': sha256(new Uint8Array(0)),
    'WARC-Concurrent-To': responseId,
  });
  return [response, request];
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
