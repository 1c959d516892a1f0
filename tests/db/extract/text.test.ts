// Text clippings: the shared sample and hand-made clippings import with the title, paragraphs and captions a reader expects.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCapture } from '../../../db/extract/index.js';
import { SAMPLE_CLIPPING } from '../../helpers/archive.js';

// The repository's own copy: a test never reads a file outside the checkout.
const SAMPLE_PATH = SAMPLE_CLIPPING;

function textInput(text: string, fileName = 'clip.txt') {
  return { bytes: new TextEncoder().encode(text), fileName };
}

describe('text clipping importer', () => {
  it('imports the shared sample with its headline as title and no navigation remnant', async () => {
    const bytes = fs.readFileSync(SAMPLE_PATH);
    const capture = await extractCapture({ bytes, fileName: path.basename(SAMPLE_PATH), filePath: SAMPLE_PATH });
    expect(capture.importer).toBe('text');
    expect(capture.title).toBe('Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement');
    expect(capture.text).toContain('Comprehensive Strategic Partnership Agreement');
    expect(capture.text.startsWith('Skip to content')).toBe(false);
    expect(capture.text).not.toContain('Skip to content');
    expect(capture.html).not.toContain('Skip to content');
    // The title is metadata, not the first body line.
    expect(capture.text.startsWith('Putin Begins')).toBe(false);
    expect(capture.charset).toBe('utf-8');
  });

  it('shows a photo caption with a dangling "Credit:" as a not-archived image, not as the first paragraph', async () => {
    const bytes = fs.readFileSync(SAMPLE_PATH);
    const capture = await extractCapture({ bytes, fileName: 'sample.txt' });
    expect(capture.html).toMatch(
      /^<figure><img alt="Chairman of State Affairs[^"]*Vladimir Putin\." src="asset:not-archived" \/><\/figure>/,
    );
    expect(capture.text).not.toContain('Credit:');
    expect(capture.text).not.toContain('Chairman of State Affairs');
    const paragraphs = capture.text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(7);
    expect(paragraphs[0]).toMatch(/^Russian President Vladimir Putin began his two-day official visit/);
    expect(paragraphs.at(-1)).toMatch(/new President To Lam\.”$/);
    expect((capture.html.match(/<p>/g) ?? []).length).toBe(paragraphs.length);
    expect(capture.wordCount).toBeGreaterThan(350);
    expect(capture.excerpt).toMatch(/^Russian President Vladimir Putin/);
  });

  it('drops chrome lines anywhere, reads a byline, a date and a source URL from the header', async () => {
    const clip = [
      'https://news.example.org/2024/05/river',
      'Menu',
      '',
      'Home',
      '',
      'The River That Ran Backwards',
      '',
      'By Ada Lovelace and Grace Hopper',
      '',
      'May 3, 2024',
      '',
      'Advertisement',
      '',
      'For one week in spring the river turned around.',
      '',
      'We use cookies to improve your experience. Accept all cookies',
      '',
      'Photo: Jane Doe / Reuters',
      '',
      'Nobody could explain it, and nobody tried very hard.',
      '',
      'Share',
      '',
    ].join('\n');
    const c = await extractCapture(textInput(clip));
    expect(c.title).toBe('The River That Ran Backwards');
    expect(c.byline).toBe('Ada Lovelace, Grace Hopper');
    expect(c.publishedAt).toBe('2024-05-03');
    expect(c.sourceUrl).toBe('https://news.example.org/2024/05/river');
    expect(c.text).toBe(
      'For one week in spring the river turned around.\n\nPhoto: Jane Doe / Reuters\n\nNobody could explain it, and nobody tried very hard.',
    );
    expect(c.html).toContain('<p class="caption">Photo: Jane Doe / Reuters</p>');
  });

  it('treats each line as a paragraph when a clipping has no blank lines, and re-flows hard-wrapped prose', async () => {
    const single = await extractCapture(textInput('A Short Title\nFirst line of the body.\nSecond line of the body.'));
    expect(single.title).toBe('A Short Title');
    expect(single.text).toBe('First line of the body.\n\nSecond line of the body.');

    const wrapped =
      'Letter\n\nThis paragraph was wrapped at sixty characters by an old\nmail program, and it should read as one flowing paragraph\nagain.\n';
    const c = await extractCapture(textInput(wrapped));
    expect(c.text).toBe(
      'This paragraph was wrapped at sixty characters by an old mail program, and it should read as one flowing paragraph again.',
    );
  });

  it('uses the first sentence as title when the clipping starts straight with a long paragraph', async () => {
    const long = `${'The committee met on Tuesday to discuss the budget. '.repeat(6)}\n\nSecond paragraph.`;
    const c = await extractCapture(textInput(long));
    expect(c.title).toBe('The committee met on Tuesday to discuss the budget.');
    expect(c.text.startsWith('The committee met on Tuesday')).toBe(true);
  });

  it('escapes markup in plain text instead of interpreting it', async () => {
    const c = await extractCapture(textInput('Title here\n\nUse <script>alert(1)</script> & <b>tags</b> carefully.'));
    expect(c.html).not.toContain('<script');
    expect(c.html).toContain('&lt;script&gt;');
    expect(c.text).toBe('Use <script>alert(1)</script> & <b>tags</b> carefully.');
  });
});
