// Test pages for the codec tests: reproducible article-like text and HTML pages around it.
const WORDS = (
  'the harbour keeper logged three ships before dawn while gulls circled the breakwater and the tide ' +
  'turned over salt marsh grass where godwits fed in the grey light of a cold morning near the lighthouse'
).split(' ');

/** About `chars` characters of words, the same for the same seed. */
export function articleWords(seed: number, chars: number): string {
  let x = seed * 2654435761;
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    x = (x * 1103515245 + 12345) >>> 0;
    const w = WORDS[x % WORDS.length]!;
    out.push(w);
    n += w.length + 1;
  }
  return out.join(' ');
}

/** A saved web page: head, navigation, the article in paragraphs, a footer. */
export function htmlPage(title: string, body: string): string {
  const paragraphs = body.match(/(?:\S+\s*){1,60}/g) ?? [];
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px serif}nav a{margin:0 1em}</style></head><body>
<nav><a href="/">Home</a><a href="/news">News</a><a href="/about">About</a></nav>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p.trim()}</p>`).join('\n')}</article>
<footer>All rights reserved.</footer></body></html>`;
}
