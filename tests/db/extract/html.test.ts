// HTML pages: hostile markup is removed, local images become assets, metadata and legacy charsets come through.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCapture } from '../../../db/extract/index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/importers');
const SAVED_PAGE = path.join(FIXTURES, 'saved-page', 'Article.html');

function fromFile(file: string, extra: { sourceUrl?: string; withPath?: boolean } = {}) {
  return extractCapture({
    bytes: fs.readFileSync(file),
    fileName: path.basename(file),
    ...(extra.withPath === false ? {} : { filePath: file }),
    ...(extra.sourceUrl ? { sourceUrl: extra.sourceUrl } : {}),
  });
}

function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

describe('HTML importer: sanitizing a hostile saved page', () => {
  it('removes scripts, styles, event handlers, javascript:/vbscript: links, iframes and forms', async () => {
    const c = await fromFile(SAVED_PAGE);
    for (const banned of [
      '<script',
      'window.tracker',
      'document.write',
      '<style',
      'onerror',
      'onclick',
      'onload',
      'onmouseover',
      'javascript:',
      'vbscript:',
      '<iframe',
      'evil.example',
      '<form',
      '<input',
      '<button',
      '<link',
    ]) {
      expect(c.html.toLowerCase()).not.toContain(banned);
    }
    // The safe link and the text of the unsafe ones stay.
    expect(c.html).toContain('<a href="https://example.org/more">the source</a>');
    expect(c.text).toContain('Read this link, or the source, or old.');
    expect(c.text).toContain('Hover text that stays.');
    expect(c.text).not.toContain('Copyright footer');
  });

  it('leaves nothing remote: a remote image becomes a "not archived" placeholder whose alt is not article text', async () => {
    const c = await fromFile(SAVED_PAGE);
    expect(c.html).not.toContain('tracker.example');
    expect(c.html).not.toContain('cdn.example');
    expect(c.html).not.toMatch(/src="(?!asset:[0-9a-f]{64}"|asset:not-archived")/);
    expect(c.html).toContain('<img alt="Remote chart" src="asset:not-archived" />');
    expect(c.text).not.toContain('Remote chart');
    for (const src of c.html.matchAll(/<img[^>]*src="([^"]*)"/g))
      expect(src[1]).toMatch(/^asset:([0-9a-f]{64}|not-archived)$/);
  });

  it('turns an inline data: image into an asset with its SHA-256 and an asset: src', async () => {
    const c = await fromFile(SAVED_PAGE);
    const pixel = fs.readFileSync(path.join(FIXTURES, 'pixel.png')); // the same bytes the page inlines
    const asset = c.assets.find((a) => a.sha256 === sha256(pixel));
    expect(asset).toBeDefined();
    expect(asset!.mediaType).toBe('image/png');
    expect(Buffer.from(asset!.bytes).equals(pixel)).toBe(true);
    expect(asset!.originalRef.startsWith('data:image/png')).toBe(true);
    expect(c.html).toContain(`<img alt="Inline pixel" src="asset:${sha256(pixel)}" />`);
  });

  it('reads an image saved beside the file, and refuses one that escapes the folder with ../', async () => {
    const c = await fromFile(SAVED_PAGE);
    const photo = fs.readFileSync(path.join(FIXTURES, 'saved-page', 'Article_files', 'photo.png'));
    const asset = c.assets.find((a) => a.originalRef === 'Article_files/photo.png');
    expect(asset?.sha256).toBe(sha256(photo));
    expect(c.html).toContain(`src="asset:${sha256(photo)}"`);
    // ../pixel.png exists on disk but lies outside the page's folder: not read, a placeholder with its alt remains.
    expect(c.assets.some((a) => a.originalRef.includes('..'))).toBe(false);
    expect(c.assets).toHaveLength(2);
    expect(c.html).toContain('<img alt="Escaping image" src="asset:not-archived" />');
  });

  it('refuses a symlink that points outside the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    fs.copyFileSync(path.join(FIXTURES, 'pixel.png'), path.join(outside, 'secret.png'));
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'link.png'));
    fs.copyFileSync(path.join(FIXTURES, 'pixel.png'), path.join(dir, 'ok.png'));
    const page = path.join(dir, 'page.html');
    fs.writeFileSync(
      page,
      `<html><body><article><p>${'Words that make an article. '.repeat(30)}</p><img src="link.png" alt="Linked"><img src="ok.png" alt="Fine"><img src="${encodeURIComponent(outside)}/secret.png" alt="Absolute"></article></body></html>`,
    );
    const c = await fromFile(page);
    expect(c.assets).toHaveLength(1);
    expect(c.assets[0]!.originalRef).toBe('ok.png');
    expect(c.html).toContain('<img alt="Linked" src="asset:not-archived" />');
  });

  it('does not read files beside the page when no file path is given', async () => {
    const c = await fromFile(SAVED_PAGE, { withPath: false });
    expect(c.assets).toHaveLength(1); // only the inline data: image
    expect(c.html).toContain('<img alt="Saved photo" src="asset:not-archived" />');
  });

  it('derives the same text from the same page every time, paragraphs separated by blank lines', async () => {
    const a = await fromFile(SAVED_PAGE);
    const b = await fromFile(SAVED_PAGE);
    expect(a.text).toBe(b.text);
    expect(a.html).toBe(b.html);
    expect(a.text.split('\n\n')[0]).toMatch(/^Paragraph 0 of the river story\./);
    expect(a.text).not.toMatch(/\n{3,}|[ \t]{2,}/);
  });
});

describe('HTML importer: metadata', () => {
  it('reads title, byline, site, published time, language, excerpt and resolves rel=canonical against the source URL', async () => {
    const c = await fromFile(path.join(FIXTURES, 'metadata.html'), { sourceUrl: 'https://journal.example/a/b.html' });
    expect(c.title).toBe('Le vrai titre de l’article');
    expect(c.byline).toBe('Marie Curie');
    expect(c.siteName).toBe('Le Journal Exemple');
    // JSON-LD's datePublished wins over the meta tag (which pages often fill with the last update), as written.
    expect(c.publishedAt).toBe('2020-01-01');
    expect(c.language).toBe('fr');
    expect(c.excerpt).toBe('Un résumé court de l’article.');
    expect(c.canonicalUrl).toBe('https://journal.example/articles/42?ref=canon');
    expect(c.sourceUrl).toBe('https://journal.example/a/b.html');
    // The heading that repeats the title is not shown twice.
    expect(c.html).not.toContain('<h1>');
  });

  it('falls back to og:url when a relative canonical link has nothing to resolve against', async () => {
    const c = await fromFile(path.join(FIXTURES, 'metadata.html'));
    expect(c.canonicalUrl).toBe('https://journal.example/og-url');
  });

  it('reads JSON-LD inside @graph: headline, author, publisher, date and language', async () => {
    const c = await fromFile(path.join(FIXTURES, 'jsonld.html'));
    expect(c.title).toBe('Graph headline');
    expect(c.byline).toBe('Grace Hopper');
    expect(c.siteName).toBe('Graph Publisher');
    expect(c.publishedAt).toBe('2022-03-04T05:06:07.000Z');
    expect(c.language).toBe('de-DE');
  });

  it('takes the source URL from a browser "saved from url" mark and strips the site from the <title>', async () => {
    const c = await fromFile(SAVED_PAGE);
    expect(c.sourceUrl).toBe('https://news.example.org/2024/river-story');
    expect(c.title).toBe('The River Story');
    expect(c.language).toBe('en-GB');
  });

  it('reads <time datetime> and a SingleFile header when nothing else says when or where', async () => {
    const html = `<!DOCTYPE html> <html><!--
 Page saved with SingleFile 
 url: https://single.example/post/7 
 saved date: Mon Jan 01 2024 10:00:00 GMT+0000
--><head><meta charset="utf-8"><title>Single</title></head><body><article><p>Posted <time datetime="2018-06-01T12:00:00Z">June 1</time></p><p>${'Some article words for the extraction. '.repeat(20)}</p></article></body></html>`;
    const c = await extractCapture({ bytes: new TextEncoder().encode(html), fileName: 'single.html' });
    expect(c.publishedAt).toBe('2018-06-01T12:00:00.000Z');
    expect(c.sourceUrl).toBe('https://single.example/post/7');
    expect(c.siteName).toBe('single.example');
  });

  it('falls back to the body text when Readability finds no article', async () => {
    const html =
      '<html><head><title>Tiny</title></head><body><nav>Menu links</nav><div>Just one short line.</div></body></html>';
    const c = await extractCapture({ bytes: new TextEncoder().encode(html), fileName: 'tiny.html' });
    expect(c.text).toBe('Just one short line.');
    expect(c.title).toBe('Tiny');
  });
});

describe('HTML importer: charsets', () => {
  it('decodes a windows-1251 page declared by http-equiv', async () => {
    const c = await fromFile(path.join(FIXTURES, 'windows-1251.html'));
    expect(c.charset).toBe('windows-1251');
    expect(c.title).toBe('Погода в Москве');
    expect(c.text).toContain('Привет, мир! Это статья о погоде в Москве.');
    expect(c.language).toBe('ru');
  });

  it('decodes a Shift_JIS page declared by <meta charset>, and the same bytes undeclared by detection', async () => {
    for (const name of ['shift_jis.html', 'shift_jis-undeclared.html']) {
      const c = await fromFile(path.join(FIXTURES, name));
      expect(c.charset).toBe('shift_jis');
      expect(c.title).toBe('東京の天気');
      expect(c.text).toContain('東京の天気は晴れです。明日は雨が降るでしょう。');
    }
  });

  it('honours a UTF-8 byte-order mark and never leaks it into the text', async () => {
    const c = await fromFile(path.join(FIXTURES, 'utf8-bom.html'));
    expect(c.charset).toBe('utf-8');
    expect(c.title).toBe('Café crème');
    expect(c.text).toContain('Un café crème à la terrasse, s’il vous plaît — déjà servi');
    expect(c.text).not.toContain('\ufeff');
  });

  it('uses the charset of the media type over a wrong <meta>', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'windows-1251.html'));
    const c = await extractCapture({ bytes, fileName: 'page', mediaType: 'text/html; charset=windows-1251' });
    expect(c.importer).toBe('html');
    expect(c.text).toContain('Привет');
  });
});

describe('HTML importer: page chrome', () => {
  it('starts the reader at the article: no kicker, By-line, nav, cookie banner, ad label or footer; caption marked', async () => {
    const c = await fromFile(path.join(FIXTURES, 'chrome-page.html'));
    expect(c.title).toBe('Harbour Lights Return');
    expect(c.byline).toBe('Nora Quay');
    expect(c.siteName).toBe('Coast Gazette');
    expect(c.publishedAt).toBe('2024-02-10');
    const paragraphs = c.text.split('\n\n');
    expect(paragraphs[0]).toBe('The harbour at dusk. Photo: Ivo Sand / Coast Gazette');
    expect(paragraphs[1]).toMatch(/^After eleven dark winters/);
    expect(paragraphs.at(-1)).toMatch(/first anniversary next winter\.$/);
    for (const chrome of [
      'Skip to content',
      'Culture',
      'By Nora Quay',
      'We use cookies',
      'Advertisement',
      'Related',
      '© Coast Gazette',
      'Search',
    ]) {
      expect(c.text).not.toContain(chrome);
    }
    expect(c.html).toContain(
      '<figcaption class="caption">The harbour at dusk. Photo: Ivo Sand / Coast Gazette</figcaption>',
    );
    expect(c.assets).toHaveLength(1);
  });
});
