// The app icon: a 512x512 RGBA PNG regenerated from the same shapes as the SVG source.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the icon script is plain ESM JavaScript without type declarations
import { renderIcon, renderSvg } from '../../build/make-icon.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('app icon', () => {
  it('is a 512x512 RGBA PNG matching what build/make-icon.mjs renders', () => {
    const png = fs.readFileSync(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png[25]).toBe(6); // color type RGBA
    expect((renderIcon() as Buffer).equals(png)).toBe(true);
  });

  it('keeps the SVG source in sync with the PNG', () => {
    expect(fs.readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8')).toBe(renderSvg());
  });
});
