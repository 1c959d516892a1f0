// The synthetic corpus: reproducible per seed, realistic in shape, with the word statistics the query classes need.
import { describe, expect, it } from 'vitest';
import { bodyText, Corpus, mulberry32 } from '../../bench/corpus.js';
import { toClipping, toHtmlPage } from '../../bench/formats.js';

describe('bench corpus', () => {
  const corpus = new Corpus({ seed: 7 });

  it('gives the same article for the same seed and index, and a different one for another seed', () => {
    const again = new Corpus({ seed: 7 });
    expect(again.article(123)).toEqual(corpus.article(123));
    expect(new Corpus({ seed: 8 }).article(123).title).not.toBe(corpus.article(123).title);
    expect(mulberry32(1)()).toBe(mulberry32(1)());
  });

  it('writes articles of about 6 KB with headline titles, bylines, sites and dates over ten years', () => {
    const years = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const a = corpus.article(i);
      const words = a.title.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(5);
      expect(words.length).toBeLessThanOrEqual(10);
      expect(words[0]).toMatch(/^[A-Z]/);
      expect(a.byline).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(bodyText(a).length).toBeGreaterThan(5500);
      expect(bodyText(a).length).toBeLessThan(8000);
      expect(a.paragraphs.length).toBeGreaterThan(3);
      years.add(a.publishedAt.slice(0, 4));
    }
    expect(years.size).toBeGreaterThanOrEqual(9);
  });

  it('spreads articles over ~200 sites with a skew (a few big outlets, a long tail)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const s = corpus.article(i).site.name;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(corpus.sites).toHaveLength(200);
    expect(sorted[0]!).toBeGreaterThan(10 * sorted[Math.floor(sorted.length / 2)]!);
  });

  it('uses real English words with a Zipf curve: "the" is frequent, and some word is in about 30% of articles', () => {
    const df = new Map<string, number>();
    const n = 500;
    for (let i = 0; i < n; i++) {
      for (const w of new Set(
        bodyText(corpus.article(i))
          .toLowerCase()
          .match(/[a-z]+/g),
      ))
        df.set(w, (df.get(w) ?? 0) + 1);
    }
    expect(df.get('the')).toBe(n);
    const near30 = [...df.values()].filter((c) => c / n > 0.25 && c / n < 0.35);
    expect(near30.length).toBeGreaterThan(50);
    const rare = [...df.values()].filter((c) => c === 1);
    expect(rare.length).toBeGreaterThan(1000);
  });

  it('renders a clipping and a saved page that carry the article text among page chrome', () => {
    const a = corpus.article(3);
    const clip = toClipping(a);
    expect(clip.split('\n')[0]).toBe(a.url);
    expect(clip).toContain(`\n${a.title}\n`);
    const html = toHtmlPage(corpus, a);
    expect(html).toContain(`<link rel="canonical" href="${a.url}">`);
    expect(html).toContain('<script');
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).toContain(a.paragraphs[5]!.slice(0, 80));
    expect(html).toMatch(/<nav[\s\S]*<aside class="related">[\s\S]*<section class="comments">/);
  });
});
