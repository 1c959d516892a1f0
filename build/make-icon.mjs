// Renders build/icon.png (512x512) from the same shapes as build/icon.svg, with no dependencies beyond zlib.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';

const SIZE = 512;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Shapes drawn back to front: a rounded tile and three stacked pages (kept in sync with icon.svg). */
export const SHAPES = [
  { x: 32, y: 32, w: 448, h: 448, r: 100, color: '#23415a' },
  { x: 120, y: 309, w: 272, h: 74, r: 18, color: '#f2e8d5' },
  { x: 140, y: 219, w: 252, h: 74, r: 18, color: '#e9c46a' },
  { x: 110, y: 129, w: 262, h: 74, r: 18, color: '#f4a261' },
];

function hex(color) {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Signed distance to a rounded rectangle; coverage comes from a one-pixel ramp (anti-aliasing). */
function coverage(px, py, s) {
  const cx = s.x + s.w / 2;
  const cy = s.y + s.h / 2;
  const qx = Math.abs(px - cx) - (s.w / 2 - s.r);
  const qy = Math.abs(py - cy) - (s.h / 2 - s.r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  const inside = Math.min(Math.max(qx, qy), 0);
  const d = outside + inside - s.r;
  return Math.min(1, Math.max(0, 0.5 - d));
}

export function renderIcon() {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    row[0] = 0; // PNG filter: none
    for (let x = 0; x < SIZE; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const s of SHAPES) {
        const c = coverage(x + 0.5, y + 0.5, s);
        if (c === 0) continue;
        const [sr, sg, sb] = hex(s.color);
        // Source-over compositing in straight alpha.
        const outA = c + a * (1 - c);
        r = (sr * c + r * a * (1 - c)) / outA;
        g = (sg * c + g * a * (1 - c)) / outA;
        b = (sb * c + b * a * (1 - c)) / outA;
        a = outA;
      }
      row.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  return encodePng(SIZE, SIZE, Buffer.concat(rows));
}

function encodePng(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** zlib.crc32 exists only from Node 20.15; this table version works everywhere. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function renderSvg() {
  const shapes = SHAPES.map(
    (s) => `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.color}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">\n${shapes.join('\n')}\n</svg>\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(path.join(here, 'icon.png'), renderIcon());
  fs.writeFileSync(path.join(here, 'icon.svg'), renderSvg());
  console.log('Wrote build/icon.png and build/icon.svg');
}
