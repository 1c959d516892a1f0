// Desktop settings: spellcheck is off unless settings.json turns it on; a bad file falls back to the defaults.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../electron/settings.js';

describe('desktop settings', () => {
  it('defaults to spellcheck off and reads the user choice', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-settings-'));
    const file = path.join(dir, 'settings.json');
    expect(loadSettings(file)).toEqual({ spellcheck: false });
    fs.writeFileSync(file, '{ not json');
    expect(loadSettings(file)).toEqual({ spellcheck: false });
    fs.writeFileSync(file, JSON.stringify({ spellcheck: 'yes' }));
    expect(loadSettings(file)).toEqual({ spellcheck: false });
    fs.writeFileSync(file, JSON.stringify({ spellcheck: true }));
    expect(loadSettings(file)).toEqual({ spellcheck: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
