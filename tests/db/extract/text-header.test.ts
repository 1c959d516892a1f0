// Text clippings' header and footer shapes: what is recognized moves to metadata and is not kept twice.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCapture } from '../../../db/extract/index.js';

const CLIPPINGS = path.resolve(import.meta.dirname, '../../fixtures/clippings');
const clip = (text: string, fileName = 'clip.txt') =>
  extractCapture({ bytes: new TextEncoder().encode(text), fileName });
const fromFile = (name: string) =>
  extractCapture({ bytes: fs.readFileSync(path.join(CLIPPINGS, name)), fileName: name });

describe('clipping headers', () => {
  it('reads a title, "By" line, date and URL pasted without blank lines, and drops a "Sent from" footer', async () => {
    const c = await fromFile('header-block.txt');
    expect(c.title).toBe('Tide Tables Are Going Digital');
    expect(c.byline).toBe('Mara Quinn, Leo Sato');
    expect(c.publishedAt).toBe('2024-03-04');
    expect(c.sourceUrl).toBe('https://coastnews.example/2024/03/tide-tables');
    expect(c.text.startsWith('The harbour office will stop printing')).toBe(true);
    for (const gone of ['By Mara', 'March 4, 2024', 'https://', 'Sent from my iPhone', 'Tide Tables Are'])
      expect(c.text).not.toContain(gone);
  });

  it('turns a caption with a dangling "Credit:" into an image placeholder, not the first paragraph', async () => {
    const c = await fromFile('caption-credit.txt');
    expect(c.title).toBe('Ferry Line Reopens After Storm Repairs, Islanders Celebrate');
    expect(c.html).toContain(
      '<figure><img alt="Passengers wave from the deck of the first ferry to cross since the storm damaged the pier in March." src="asset:not-archived" /></figure>',
    );
    expect(c.text.split('\n\n')[0]).toMatch(/^The ferry service between the mainland/);
    expect(c.text).not.toContain('Credit:');
    expect(c.excerpt).toMatch(/^The ferry service/);
  });

  it('never takes a "Sent from my phone" footer for the title', async () => {
    const c = await clip(
      'Sent from my iPhone\n\nCan you bring the folding chairs on Saturday? We will need about twenty for the garden party, and the hall has only ten. The party starts at four, so any time after two is fine for setting up.\n\nSent from my Galaxy',
    );
    expect(c.title).toBe('Can you bring the folding chairs on Saturday?');
    expect(c.text).not.toContain('Sent from');
  });

  it('reads a forwarded newsletter: Subject, From and Date fields, footer lines dropped', async () => {
    const c = await clip(
      [
        '---------- Forwarded message ---------',
        'From: Garden Weekly <news@gardenweekly.example>',
        'Date: Tue, 7 May 2024 08:00:00 +0000',
        'Subject: Fwd: Five plants for a shady corner',
        'To: me@example.org',
        '',
        'View this email in your browser',
        '',
        'Ferns, hostas and foxgloves all grow happily where the sun rarely reaches, and they need little care once settled.',
        '',
        'Unsubscribe',
        'Update your preferences',
      ].join('\n'),
    );
    expect(c.title).toBe('Five plants for a shady corner');
    expect(c.byline).toBe('Garden Weekly');
    expect(c.publishedAt).toBe('2024-05-07T08:00:00.000Z');
    expect(c.text).toBe(
      'Ferns, hostas and foxgloves all grow happily where the sun rarely reaches, and they need little care once settled.',
    );
  });

  it('reads an Evernote-style note: Created, Source and Tags fields', async () => {
    const c = await clip(
      'Sourdough notes\n\nCreated: 2023-09-01 08:00\nSource: https://bread.example/sourdough\nTags: baking, bread\n\nFeed the starter twice a day and wait until it doubles before mixing the dough.',
    );
    expect(c.title).toBe('Sourdough notes');
    expect(c.publishedAt).toBe('2023-09-01T08:00:00');
    expect(c.sourceUrl).toBe('https://bread.example/sourdough');
    expect(c.tags).toEqual(['baking', 'bread']);
    expect(c.text).toBe('Feed the starter twice a day and wait until it doubles before mixing the dough.');
  });

  it('reads a Kindle highlight: book title, author and the date it was added', async () => {
    const c = await clip(
      'The Old Man and the Sea (Hemingway, Ernest)\n- Your Highlight on page 12 | Location 180-182 | Added on Monday, March 4, 2024 10:15:32 AM\n\nBut man is not made for defeat. A man can be destroyed but not defeated.\n==========\n',
    );
    expect(c.title).toBe('The Old Man and the Sea');
    expect(c.byline).toBe('Ernest Hemingway');
    expect(c.publishedAt).toBe('2024-03-04T10:15:32');
    expect(c.text).toBe('But man is not made for defeat. A man can be destroyed but not defeated.');
  });

  it('keeps an Apple Notes note as written: first line the title, short lines and prose kept', async () => {
    const c = await clip('Packing list\n\nPassport\nCharger\nRain jacket\n\nAsk the neighbours to water the plants.');
    expect(c.title).toBe('Packing list');
    expect(c.text).toBe('Passport\nCharger\nRain jacket\n\nAsk the neighbours to water the plants.');
  });
});
