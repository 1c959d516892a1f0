// A new capture of an annotated article re-anchors its annotations: moved passages follow, removed ones are orphans.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';

const page = (paragraphs: string[]) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Estuary survey</title><link rel="canonical" href="https://field.example.org/estuary"></head>
<body><article><h1>Estuary survey</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

const P = [
  'The spring count on the estuary found four hundred curlews feeding on the exposed mudflats at low tide.',
  'Godwits arrived a week later than usual, which the wardens attribute to strong westerly winds over the Atlantic.',
  'A lone osprey was seen fishing in the channel on three consecutive mornings before moving north.',
  'Volunteers repaired the boardwalk near the hide so that visitors can reach the northern pools again.',
];

describe('re-capture and annotations', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('moves annotations to the new text and keeps the ones it cannot place as orphans', async () => {
    const first = await t.api.importPaths({ paths: [writeFile(t.dir, 'v1.html', page(P))] });
    const id = first.outcomes[0]!.id! as ArticleId;
    const text = t.api.getArticle({ id }).text;
    const quoteKept = 'A lone osprey was seen fishing in the channel';
    const quoteRemoved = 'Volunteers repaired the boardwalk near the hide';
    const kept = t.api.createAnnotation({
      articleId: id,
      kind: 'highlight',
      start: text.indexOf(quoteKept),
      end: text.indexOf(quoteKept) + quoteKept.length,
      color: 'green',
      note: 'Raptor sighting',
    });
    const removed = t.api.createAnnotation({
      articleId: id,
      kind: 'highlight',
      start: text.indexOf(quoteRemoved),
      end: text.indexOf(quoteRemoved) + quoteRemoved.length,
      color: 'yellow',
    });

    const inserted =
      'Editor’s note: this report was updated with the autumn figures and a correction about the godwits.';
    const second = await t.api.importPaths({
      paths: [writeFile(t.dir, 'v2.html', page([inserted, P[0]!, P[1]!, P[2]!]))],
    });
    expect(second.outcomes[0]).toMatchObject({ status: 'imported', newVersion: true, id });

    const article = t.api.getArticle({ id });
    expect(article.captures).toHaveLength(2);
    const list = t.api.listAnnotations({ articleId: id });
    const movedNow = list.items.find((a) => a.id === kept.id)!;
    expect(movedNow.anchor.state).toBe('exact');
    expect(article.text.slice(movedNow.anchor.start, movedNow.anchor.end)).toBe(quoteKept);
    expect(movedNow.anchor.start).toBeGreaterThan(kept.anchor.start!);
    const orphan = list.items.find((a) => a.id === removed.id)!;
    expect(orphan.anchor.state).toBe('orphan');
    expect(orphan.quote!.exact).toBe(quoteRemoved);
    expect(t.api.stats({}).orphans).toBe(1);
  });
});
