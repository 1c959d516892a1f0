// The fidelity set: saved pages in tests/fixtures/fidelity, each beside what its own author would call its metadata.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedPage } from './score.js';

export const FIDELITY_DIR = fileURLToPath(new URL('../../tests/fixtures/fidelity/', import.meta.url));

export interface FidelityPage {
  name: string;
  file: string;
  expected: ExpectedPage;
}

export function loadFidelityPages(dir = FIDELITY_DIR): FidelityPage[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.html'.length);
      const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as ExpectedPage;
      return { name, file: path.join(dir, f), expected };
    });
}
