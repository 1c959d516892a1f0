// Writes MHTML files the way Chrome's "Save as single file" does: Blink's headers, quoted-printable HTML, base64 images.
import { Buffer } from 'node:buffer';

export interface MhtmlPart {
  contentType: string;
  location?: string;
  contentId?: string;
  body: string | Uint8Array;
  encoding: 'quoted-printable' | 'base64';
}

/** Quoted-printable as Blink writes it: lines of at most 76 characters, `=` soft breaks, never splitting an escape. */
export function quotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (const line of Buffer.from(bytes).toString('latin1').split('\r\n')) {
    let out = '';
    let width = 0;
    const raw = Buffer.from(line, 'latin1');
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      const last = i === raw.length - 1;
      const plain = c >= 33 && c <= 126 && c !== 61;
      const token =
        plain || ((c === 32 || c === 9) && !last)
          ? String.fromCharCode(c)
          : `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + token.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += token;
      width += token.length;
    }
    lines.push(out);
  }
  return lines.join('\r\n');
}

function base64Lines(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

export const BOUNDARY = '----MultipartBoundary--Hq8sT2vLwE4nY7cK1pR9mZ3xB6gD0fJ5aU----';

/** A whole .mhtml file: Blink's top headers, then each part, then the closing boundary. */
export function mhtml(opts: { snapshot: string; subject: string; date: string; parts: MhtmlPart[] }): Buffer {
  const head = [
    'From: <Saved by Blink>',
    `Snapshot-Content-Location: ${opts.snapshot}`,
    `Subject: =?utf-8?Q?${quotedPrintable(Buffer.from(opts.subject)).replace(/=\r\n/g, '').replace(/ /g, '=20')}?=`,
    `Date: ${opts.date}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${BOUNDARY}"`,
    '',
    '',
  ].join('\r\n');
  const parts = opts.parts.map((p) => {
    const bytes = typeof p.body === 'string' ? Buffer.from(p.body, 'utf8') : p.body;
    const headers = [
      `--${BOUNDARY}`,
      `Content-Type: ${p.contentType}`,
      ...(p.contentId ? [`Content-ID: <${p.contentId}>`] : []),
      `Content-Transfer-Encoding: ${p.encoding}`,
      ...(p.location ? [`Content-Location: ${p.location}`] : []),
      '',
      '',
    ].join('\r\n');
    const body = p.encoding === 'base64' ? base64Lines(bytes) : quotedPrintable(bytes);
    return `${headers}${body}\r\n`;
  });
  return Buffer.from(`${head}\r\n${parts.join('')}--${BOUNDARY}--\r\n`, 'latin1');
}
