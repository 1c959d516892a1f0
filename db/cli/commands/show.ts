// `stacks show ID`: one article as text, Markdown, sanitized HTML or JSON (with its captures and hashes).
import type { Command } from 'commander';
import type { ArticleDetail } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { fail, parseId, printJson } from '../output.js';

function metadataLines(a: ArticleDetail): string[] {
  return [
    a.byline && `By ${a.byline}`,
    a.siteName && `Site: ${a.siteName}`,
    a.publishedAt && `Published: ${a.publishedAt}`,
    a.sourceUrl && `Source: ${a.sourceUrl}`,
    `Captured: ${a.captures[0]?.capturedAt ?? a.addedAt} (sha256 ${a.captures[0]?.sha256 ?? '-'})`,
  ].filter((l): l is string => Boolean(l));
}

export async function renderArticle(a: ArticleDetail, format: string): Promise<string> {
  switch (format) {
    case 'text': {
      // A link-only article's text is its URL: say what it is rather than print the URL as if it were the article.
      const body = a.linkOnly ? `Not captured yet: ${a.sourceUrl ?? 'imported from an export without a URL'}` : a.text;
      return `${a.title}\n${'='.repeat(Math.min(a.title.length, 80))}\n${metadataLines(a).join('\n')}\n\n${body}\n`;
    }
    case 'markdown': {
      // Loaded only for this format: it is the one command that needs an HTML-to-Markdown converter.
      const { default: TurndownService } = await import('turndown');
      const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
      // Local images are archive assets; Markdown outside Stacks cannot resolve them, so keep their alt text.
      turndown.addRule('archiveImages', {
        filter: 'img',
        replacement: (_content, node) => {
          const alt = (node as unknown as { getAttribute(n: string): string | null }).getAttribute('alt');
          return alt ? `[image: ${alt}]` : '';
        },
      });
      const front = [
        '---',
        `title: ${JSON.stringify(a.title)}`,
        a.byline && `author: ${JSON.stringify(a.byline)}`,
        a.sourceUrl && `source: ${a.sourceUrl}`,
        a.publishedAt && `published: ${a.publishedAt}`,
        `captured: ${a.captures[0]?.capturedAt ?? a.addedAt}`,
        a.tags.length ? `tags: [${a.tags.map((t) => JSON.stringify(t)).join(', ')}]` : '',
        '---',
      ]
        .filter(Boolean)
        .join('\n');
      return `${front}\n\n# ${a.title}\n\n${turndown.turndown(a.html)}\n`;
    }
    case 'html':
      return `<!doctype html>\n<meta charset="utf-8">\n<title>${escapeHtml(a.title)}</title>\n<h1>${escapeHtml(a.title)}</h1>\n${a.html}\n`;
    default:
      return fail(`Unknown format "${format}": use text, markdown, html or json.`);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function registerShow(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .description('Show one article')
    .argument('<id>', 'article id')
    .option('--format <format>', 'text | markdown | html | json', 'text')
    .option('--json', 'same as --format json')
    .action(async (id: string, opts: { format: string; json?: boolean }) => {
      const a = await ctx.call('getArticle', { id: parseId(id) as ArticleDetail['id'] });
      if (opts.json || opts.format === 'json') {
        printJson({
          id: a.id,
          title: a.title,
          byline: a.byline,
          siteName: a.siteName,
          publishedAt: a.publishedAt,
          language: a.language,
          excerpt: a.excerpt,
          sourceUrl: a.sourceUrl,
          canonicalUrl: a.canonicalUrl,
          addedAt: a.addedAt,
          wordCount: a.wordCount,
          tags: a.tags,
          collections: a.collections,
          isRead: a.isRead,
          isFavorite: a.isFavorite,
          isArchived: a.isArchived,
          linkOnly: a.linkOnly ?? false,
          text: a.text,
          captures: a.captures,
          asExtracted: a.asExtracted ?? {},
        });
        return;
      }
      process.stdout.write(await renderArticle(a, opts.format));
    });
}
