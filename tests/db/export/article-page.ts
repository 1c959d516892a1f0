// A saved page with an image beside it, awkward metadata and a script: what the one-article export tests import.
import path from 'node:path';
import type { ArchiveService } from '../../../db/api.js';
import type { ArticleId } from '../../../db/contract/types.js';
import { writeFile } from '../../helpers/archive.js';

export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

export const PAGE_TITLE = 'Tides & Currents: 100% of {the} $ea_level #rise — Ærø’s “fjord”';

export function pageHtml(remoteImage = 'https://tracker.invalid/pixel.png'): string {
  const p = (n: number) =>
    `<p>Paragraph ${n} about the harbour at Ærøskøbing, where the spring tide rose over the wall at dawn and the ferries waited for the water to fall again before they could leave.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${PAGE_TITLE.replace(/&/g, '&amp;')}</title>
<meta name="author" content="José Müller-Lüdenscheidt and Renée O'Brien">
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="article:published_time" content="2024-05-03T09:30:00Z">
<link rel="canonical" href="https://gazette.example/tides?id=7#top">
<script>document.documentElement.setAttribute('data-marker', 'ran'); document.title = 'hacked'</script>
</head><body><article><h1>${PAGE_TITLE.replace(/&/g, '&amp;')}</h1>
${p(1)}<figure><img src="images/tide.png" alt="Tide chart"><figcaption>The chart</figcaption></figure>${p(2)}
<img src="${remoteImage}" alt="Remote pixel">${p(3)}${p(4)}
<p onclick="alert(1)">Closing words.</p></article></body></html>`;
}

/** Imports the page and its image from a folder, as the CLI would; returns the article id. */
export async function importArticlePage(api: ArchiveService, dir: string, remoteImage?: string): Promise<ArticleId> {
  const folder = path.join(dir, 'site');
  writeFile(folder, 'tides.html', pageHtml(remoteImage));
  writeFile(folder, 'images/tide.png', PNG_1PX);
  const report = await api.importPaths({ paths: [path.join(folder, 'tides.html')] });
  const id = report.outcomes.find((o) => o.status === 'imported')?.id;
  if (!id) throw new Error(`import failed: ${JSON.stringify(report.outcomes)}`);
  return id;
}
