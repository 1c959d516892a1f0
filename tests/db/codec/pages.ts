// Test pages for the codec tests: reproducible article-like text and HTML pages around it.
const SYLLABLES =
  'ka lo mi ne ru sa ti vo we ya zu bri cha dre fla gro ith kel mor nup ost pra que sil tor umb ven'.split(' ');

/** About `chars` characters of made-up words (two to four syllables: varied like prose), the same for the same seed. */
export function articleWords(seed: number, chars: number): string {
  let x = seed * 2654435761;
  const next = (n: number): number => {
    x = (x * 1103515245 + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    let w = '';
    for (let k = 2 + next(3); k > 0; k--) w += SYLLABLES[next(SYLLABLES.length)]!;
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
