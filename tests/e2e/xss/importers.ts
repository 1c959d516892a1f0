// How a probe article becomes a file for each importer: adding an importer to the XSS suite is one entry in PROBE_IMPORTERS.
import { Buffer } from 'node:buffer';
import { webarchive } from '../../db/ingest/webarchive/build.js';

/** One article of the suite: a marker word to find it by, and hostile strings in the places a page can carry them. */
export interface ProbeArticle {
  /** A word only this article's group holds (searchable), e.g. `probehtmlbody`. */
  marker: string;
  title: string;
  byline?: string;
  siteName?: string;
  description?: string;
  tags?: string[];
  /** Where the capture says it came from (sent as importFile's sourceUrl; canonical link and og:url in HTML). */
  sourceUrl?: string;
  /** Hostile fragments of the body, each in its own paragraph. */
  body: string[];
}

export interface ProbeFile {
  fileName: string;
  bytes: Buffer;
  sourceUrl?: string;
}

export interface ProbeImporter {
  name: string;
  file(a: ProbeArticle, n: number): ProbeFile;
}

/** A sentence of ordinary prose around the payloads, so extraction keeps the article and the views have text to show. */
export function prose(marker: string, n: number): string {
  return `This is probe article ${n} of group ${marker}: ordinary words about tides, ledgers and harbour clerks, long enough to read.`;
}

const attr = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A saved web page: the title raw in <title> and <h1> (hostile pages do not escape), metadata in meta tags. */
function htmlFile(a: ProbeArticle, n: number): ProbeFile {
  const meta = [
    a.byline !== undefined ? `<meta name="author" content="${attr(a.byline)}">` : '',
    a.siteName !== undefined ? `<meta property="og:site_name" content="${attr(a.siteName)}">` : '',
    a.description !== undefined ? `<meta name="description" content="${attr(a.description)}">` : '',
    a.description !== undefined ? `<meta property="og:description" content="${attr(a.description)}">` : '',
    a.tags ? `<meta name="keywords" content="${attr(a.tags.join(','))}">` : '',
    a.sourceUrl !== undefined ? `<link rel="canonical" href="${attr(a.sourceUrl)}">` : '',
    a.sourceUrl !== undefined ? `<meta property="og:url" content="${attr(a.sourceUrl)}">` : '',
  ].join('\n');
  const paragraphs = a.body.map((p) => `<p>${prose(a.marker, n)}</p>\n<div>${p}</div>`).join('\n');
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${a.title}</title>
${meta}
</head><body><article><h1>${a.title}</h1>
<p>${prose(a.marker, n)}</p>
${paragraphs}
<p>${prose(a.marker, n)} The end.</p></article></body></html>`;
  return { fileName: `${a.marker}-${n}.html`, bytes: Buffer.from(page), sourceUrl: a.sourceUrl };
}

/** A Markdown note with YAML front matter; JSON strings are valid YAML double-quoted scalars. */
function markdownFile(a: ProbeArticle, n: number): ProbeFile {
  const fm = [
    `title: ${JSON.stringify(a.title)}`,
    a.byline !== undefined ? `author: ${JSON.stringify(a.byline)}` : '',
    a.siteName !== undefined ? `site: ${JSON.stringify(a.siteName)}` : '',
    a.description !== undefined ? `description: ${JSON.stringify(a.description)}` : '',
    a.tags ? `tags: [${a.tags.map((t) => JSON.stringify(t)).join(', ')}]` : '',
    a.sourceUrl !== undefined ? `url: ${JSON.stringify(a.sourceUrl)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const body = a.body.map((p) => `${prose(a.marker, n)}\n\n${p}`).join('\n\n');
  const text = `---\n${fm}\n---\n\n${prose(a.marker, n)}\n\n${body}\n\n${prose(a.marker, n)} The end.\n`;
  return { fileName: `${a.marker}-${n}.md`, bytes: Buffer.from(text), sourceUrl: a.sourceUrl };
}

/** A plain-text clipping: the title on the first line, the byline as "By …", paragraphs apart. */
function textFile(a: ProbeArticle, n: number): ProbeFile {
  const lines = [
    a.title,
    a.byline !== undefined ? `By ${a.byline}` : '',
    a.siteName ?? '',
    a.description ?? '',
    (a.tags ?? []).join(' '),
    prose(a.marker, n),
    ...a.body.flatMap((p) => [p, prose(a.marker, n)]),
    `${prose(a.marker, n)} The end.`,
  ].filter(Boolean);
  return { fileName: `${a.marker}-${n}.txt`, bytes: Buffer.from(lines.join('\n\n')), sourceUrl: a.sourceUrl };
}

/** The HTML page saved as Chrome's single-file MHTML: base64 HTML part, the hostile page's address as Content-Location. */
function mhtmlFile(a: ProbeArticle, n: number): ProbeFile {
  const page = htmlFile(a, n);
  const boundary = '----MultipartBoundary--probe----';
  const location = a.sourceUrl ?? `https://probe.example/${a.marker}-${n}`;
  const text = [
    'From: <Saved by Blink>',
    `Snapshot-Content-Location: ${location}`,
    'Date: Sat, 6 Dec 2026 09:30:00 -0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/html',
    'Content-Transfer-Encoding: base64',
    `Content-Location: ${location}`,
    '',
    page.bytes.toString('base64'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { fileName: `${a.marker}-${n}.mhtml`, bytes: Buffer.from(text), sourceUrl: location };
}

/** The HTML page saved by Safari as a .webarchive: the hostile page's bytes as the main resource, its address as its URL. */
function webarchiveFile(a: ProbeArticle, n: number): ProbeFile {
  const page = htmlFile(a, n);
  const location = a.sourceUrl ?? `https://probe.example/${a.marker}-${n}`;
  const bytes = webarchive({ main: { url: location, mimeType: 'text/html', textEncoding: 'UTF-8', data: page.bytes } });
  return { fileName: `${a.marker}-${n}.webarchive`, bytes, sourceUrl: location };
}

/** Every importer the suite feeds. WARC, WACZ or MHTML importers join with one line each. */
export const PROBE_IMPORTERS: ProbeImporter[] = [
  { name: 'html', file: htmlFile },
  { name: 'markdown', file: markdownFile },
  { name: 'text', file: textFile },
  { name: 'mhtml', file: mhtmlFile },
  { name: 'webarchive', file: webarchiveFile },
];
