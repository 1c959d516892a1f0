// A small archive to export: a saved web page with an image (two versions), a Markdown note, a clipping, annotations.
import fs from 'node:fs';
import path from 'node:path';
import type { ArticleId } from '../../../db/contract/types.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';

export const PAGE_URL = 'https://news.example.org/2024/lighthouse-keepers';
export const PHOTO = path.resolve(import.meta.dirname, '../../fixtures/importers/saved-page/Article_files/photo.png');

export interface ExportFixture {
  archive: TempArchive;
  page: ArticleId;
  note: ArticleId;
  clip: ArticleId;
  /** Title of the note: Unicode and a percent sign, to exercise file naming and the bag's percent-encoding. */
  noteTitle: string;
}

export function pageHtml(version: 1 | 2): string {
  const extra = version === 2 ? '<p>A correction was added on the second visit: the lamp is electric now.</p>' : '';
  return `<!DOCTYPE html>
<!-- saved from url=(0050)${PAGE_URL} -->
<html lang="en"><head><meta charset="utf-8"><title>The Last Lighthouse Keepers</title>
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
<body><article><h1>The Last Lighthouse Keepers</h1>
<p>On the northern cape the keepers climbed one hundred and twelve steps every evening to light the lamp.</p>
<figure><img src="Lighthouse_files/photo.png" alt="The lamp room"><figcaption>The lamp room at dusk.</figcaption></figure>
<p>Their logbooks record storms, shipwrecks and the slow arrival of automation along the coast.</p>${extra}
</article></body></html>`;
}

export async function buildExportFixture(): Promise<ExportFixture> {
  const archive = tempArchive();
  const src = path.join(archive.dir, 'src');
  writeFile(src, 'v1/Lighthouse.html', pageHtml(1));
  fs.mkdirSync(path.join(src, 'v1/Lighthouse_files'), { recursive: true });
  fs.copyFileSync(PHOTO, path.join(src, 'v1/Lighthouse_files/photo.png'));
  const noteTitle = 'Café notes: 100% arabica, 東京';
  writeFile(
    src,
    'note.md',
    `---\ntitle: "${noteTitle}"\ntags: [coffee]\n---\n\n# Tasting\n\nThe **washed** beans from the highlands tasted of apricot and black tea.\n`,
  );
  writeFile(src, 'clip.txt', 'Tidal energy\n\nThe tidal barrage produced enough power for the whole estuary town.\n');
  const first = await archive.api.importPaths({
    paths: [path.join(src, 'v1'), path.join(src, 'note.md'), path.join(src, 'clip.txt')],
  });
  if (first.failed) throw new Error(`fixture import failed: ${JSON.stringify(first.outcomes)}`);
  // A second visit to the same page: a new version (capture) of the same article.
  writeFile(src, 'v2/Lighthouse.html', pageHtml(2));
  fs.mkdirSync(path.join(src, 'v2/Lighthouse_files'), { recursive: true });
  fs.copyFileSync(PHOTO, path.join(src, 'v2/Lighthouse_files/photo.png'));
  const second = await archive.api.importPaths({ paths: [path.join(src, 'v2')] });
  if (second.imported !== 1) throw new Error(`fixture re-capture failed: ${JSON.stringify(second.outcomes)}`);

  const list = archive.api.listArticles({ limit: 10 }).items;
  const byTitle = (t: string): ArticleId => {
    const a = list.find((x) => x.title === t);
    if (!a) throw new Error(`no article titled ${t}: ${list.map((x) => x.title).join(', ')}`);
    return a.id;
  };
  const page = byTitle('The Last Lighthouse Keepers');
  const note = byTitle(noteTitle);
  const clip = byTitle('Tidal energy');
  const text = archive.api.getArticle({ id: page }).text;
  const start = text.indexOf('one hundred and twelve steps');
  archive.api.createAnnotation({
    articleId: page,
    kind: 'highlight',
    start,
    end: start + 'one hundred and twelve steps'.length,
    color: 'yellow',
    note: 'Every evening!',
    tags: ['stairs'],
  });
  archive.api.createAnnotation({ articleId: note, kind: 'article-note', note: 'Buy more of these beans.' });
  archive.api.addToCollection({ ids: [page, clip], collection: 'Coast' });
  return { archive, page, note, clip, noteTitle };
}
