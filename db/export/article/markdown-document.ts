// One article as Markdown (turndown) with YAML front matter: title, url, author, site, dates, tags.
import TurndownService from 'turndown';
import { stringify } from 'yaml';
import type { ArticleDetail } from '../../contract/types.js';

type TurndownNode = { getAttribute(name: string): string | null };

let service: TurndownService | null = null;

function converter(): TurndownService {
  if (service) return service;
  const t = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  // Archived images live in the archive: a Markdown file elsewhere cannot resolve them, so their alt text stays.
  t.addRule('archiveImages', {
    filter: 'img',
    replacement: (_content, node) => {
      const alt = (node as unknown as TurndownNode).getAttribute('alt');
      return alt ? `[image: ${alt}]` : '[image]';
    },
  });
  service = t;
  return t;
}

export function frontMatter(a: ArticleDetail): string {
  const data: Record<string, unknown> = { title: a.title };
  const url = a.canonicalUrl ?? a.sourceUrl;
  if (url) data.url = url;
  if (a.byline) data.author = a.byline;
  if (a.siteName) data.site = a.siteName;
  if (a.publishedAt) data.published = a.publishedAt;
  data.captured = a.captures[0]?.capturedAt ?? a.addedAt;
  data.added = a.addedAt;
  if (a.language) data.language = a.language;
  if (a.tags.length) data.tags = a.tags;
  // yaml quotes whatever needs it (a colon in a title, a leading dash), so any title reads back unchanged.
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}

export function articleMarkdown(a: ArticleDetail): string {
  const body = a.linkOnly ? `Not captured yet: ${a.sourceUrl ?? ''}` : converter().turndown(a.html);
  return `${frontMatter(a)}\n# ${a.title.replace(/\s+/g, ' ')}\n\n${body}\n`;
}
