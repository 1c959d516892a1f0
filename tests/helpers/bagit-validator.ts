// A BagIt validator written from RFC 8493 alone (not from Stacks' writer): returns every MUST the bag breaks.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ALGORITHMS: Record<string, string> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha512: 'sha512' };

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(root, r));
    else out.push(r);
  }
  return out;
}

/** Lines of a tag file, accepting LF, CRLF or CR as the RFC allows (2.1.1, 2.1.3); a final break is optional. */
function lines(text: string): string[] {
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** 2.1.3: only CR, LF and "%" are percent-encoded in a manifest's file path. */
function decodePath(p: string): string {
  return p.replace(/%(0A|0D|25)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

interface ParsedManifest {
  algorithm: string;
  entries: Map<string, string>;
}

function parseManifest(bag: string, name: string, problems: string[]): ParsedManifest | null {
  const algorithm = /^(?:tag)?manifest-([a-z0-9]+)\.txt$/.exec(name)?.[1];
  if (!algorithm) return null;
  const node = ALGORITHMS[algorithm];
  if (!node) {
    problems.push(`${name}: unknown algorithm ${algorithm}`);
    return null;
  }
  const entries = new Map<string, string>();
  const raw = fs.readFileSync(path.join(bag, name));
  if (!isUtf8(raw)) problems.push(`${name} is not valid UTF-8`);
  const text = raw.toString('utf8');
  for (const [i, line] of lines(text).entries()) {
    // "checksum filepath", separated by one or more linear whitespace characters.
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    if (!m) {
      problems.push(`${name} line ${i + 1}: not "checksum filepath": ${JSON.stringify(line)}`);
      continue;
    }
    // A "%" that does not start one of the three escapes can only be a "%" the writer failed to encode.
    if (/%(?!0A|0D|25)/i.test(m[2]!)) problems.push(`${name} line ${i + 1}: "%" not percent-encoded: ${m[2]}`);
    const rel = decodePath(m[2]!);
    if (
      rel.startsWith('/') ||
      /^[a-zA-Z]:/.test(rel) ||
      rel.split('/').some((s) => s === '..' || s === '.' || s === '')
    ) {
      problems.push(`${name} line ${i + 1}: path must be relative inside the bag: ${rel}`);
      continue;
    }
    if (rel.includes('\\')) problems.push(`${name} line ${i + 1}: path separator must be "/": ${rel}`);
    if (entries.has(rel)) problems.push(`${name}: ${rel} listed twice`);
    entries.set(rel, m[1]!.toLowerCase());
  }
  return { algorithm: node, entries };
}

export interface BagReport {
  problems: string[];
  payloadFiles: number;
  payloadOctets: number;
  info: Array<[string, string]>;
}

export function validateBag(bag: string): BagReport {
  const problems: string[] = [];
  const info: Array<[string, string]> = [];
  const top = fs.readdirSync(bag);

  // 2.1.1 Bag declaration: present, UTF-8 without BOM, exactly two lines in this order and form.
  const declaration = path.join(bag, 'bagit.txt');
  let encoding = 'UTF-8';
  if (!fs.existsSync(declaration)) problems.push('bagit.txt is missing');
  else {
    const raw = fs.readFileSync(declaration);
    if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) problems.push('bagit.txt starts with a byte-order mark');
    const l = lines(raw.toString('utf8'));
    if (l.length !== 2) problems.push(`bagit.txt has ${l.length} lines, not exactly 2`);
    if (!/^BagIt-Version: [0-9]+\.[0-9]+$/.test(l[0] ?? '')) problems.push(`bagit.txt line 1: ${JSON.stringify(l[0])}`);
    const enc = /^Tag-File-Character-Encoding: (\S+)$/.exec(l[1] ?? '');
    if (!enc) problems.push(`bagit.txt line 2: ${JSON.stringify(l[1])}`);
    else encoding = enc[1]!;
  }
  if (encoding.toUpperCase() !== 'UTF-8') problems.push(`this validator reads UTF-8 tag files only, not ${encoding}`);

  // 2.1.2 Payload directory.
  const dataDir = path.join(bag, 'data');
  if (!fs.existsSync(dataDir) || !fs.statSync(dataDir).isDirectory()) problems.push('data/ is missing');
  const payload = fs.existsSync(dataDir) ? walk(dataDir).map((r) => `data/${r}`) : [];
  let octets = 0;
  for (const p of payload) octets += fs.statSync(path.join(bag, p)).size;

  // 2.1.3 Payload manifests: at least one; each lists every payload file, only payload files, with right checksums.
  const manifests = top.filter((n) => /^manifest-[a-z0-9]+\.txt$/.test(n));
  if (manifests.length === 0) problems.push('no payload manifest (manifest-<algorithm>.txt)');
  const checksum = (rel: string, algorithm: string): string =>
    createHash(algorithm)
      .update(fs.readFileSync(path.join(bag, ...rel.split('/'))))
      .digest('hex');
  for (const name of manifests) {
    const m = parseManifest(bag, name, problems);
    if (!m) continue;
    for (const p of payload) if (!m.entries.has(p)) problems.push(`${name}: payload file ${p} is not listed`);
    for (const [rel, sum] of m.entries) {
      if (!rel.startsWith('data/')) {
        problems.push(`${name}: ${rel} is outside the payload directory`);
        continue;
      }
      const file = path.join(bag, ...rel.split('/'));
      if (!fs.existsSync(file) || !fs.statSync(file).isFile())
        problems.push(`${name}: listed file ${rel} does not exist`);
      else if (checksum(rel, m.algorithm) !== sum) problems.push(`${name}: checksum of ${rel} does not match`);
    }
  }

  // 2.2.1 Tag manifests: every listed tag file exists, is not payload, and matches its checksum.
  for (const name of top.filter((n) => /^tagmanifest-[a-z0-9]+\.txt$/.test(n))) {
    const m = parseManifest(bag, name, problems);
    if (!m) continue;
    for (const [rel, sum] of m.entries) {
      if (rel.startsWith('data/')) problems.push(`${name}: lists payload file ${rel}`);
      else if (!fs.existsSync(path.join(bag, ...rel.split('/'))))
        problems.push(`${name}: listed file ${rel} does not exist`);
      else if (checksum(rel, m.algorithm) !== sum) problems.push(`${name}: checksum of ${rel} does not match`);
    }
    for (const required of ['bagit.txt', ...manifests, ...(top.includes('bag-info.txt') ? ['bag-info.txt'] : [])])
      if (!m.entries.has(required)) problems.push(`${name}: tag file ${required} is not listed`);
  }

  // 2.2.2 Bag metadata: "Label: value" lines, continuation lines indented; Payload-Oxum and Bagging-Date checked.
  const infoFile = path.join(bag, 'bag-info.txt');
  if (fs.existsSync(infoFile)) {
    const raw = fs.readFileSync(infoFile);
    if (!isUtf8(raw)) problems.push('bag-info.txt is not valid UTF-8');
    for (const [i, line] of lines(raw.toString('utf8')).entries()) {
      if (/^[ \t]/.test(line)) {
        if (info.length === 0) problems.push('bag-info.txt starts with a continuation line');
        else info[info.length - 1]![1] += ` ${line.trim()}`;
        continue;
      }
      const m = /^([^:\s]+):[ \t]*(.*)$/.exec(line);
      if (!m) problems.push(`bag-info.txt line ${i + 1}: not "Label: value": ${JSON.stringify(line)}`);
      else info.push([m[1]!, m[2]!]);
    }
    const oxum = info.filter(([l]) => l.toLowerCase() === 'payload-oxum');
    if (oxum.length > 1) problems.push('Payload-Oxum appears more than once');
    if (oxum[0] && oxum[0][1] !== `${octets}.${payload.length}`)
      problems.push(`Payload-Oxum ${oxum[0][1]} but the payload is ${octets}.${payload.length}`);
    for (const [l, v] of info)
      if (l.toLowerCase() === 'bagging-date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) problems.push(`Bagging-Date ${v}`);
  }
  return { problems, payloadFiles: payload.length, payloadOctets: octets, info };
}
