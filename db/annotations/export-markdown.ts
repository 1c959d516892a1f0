// Markdown export, Obsidian-friendly: per article a title, source link, capture date, quotes with notes, colors, #tags.
import { stringify } from 'yaml';
import type { Annotation, HighlightColor } from '../contract/types.js';
import type { ExportArticle, ExportData } from './export-data.js';

export function renderMarkdown(data: ExportData, generatedAt = new Date()): string {
  const out: string[] = [];
  const only = data.single ? data.articles[0] : undefined;
  if (only) out.push(frontMatter(only));
  out.push(`<!-- Exported from Stacks on ${generatedAt.toISOString()}: ${data.articles.length} article(s) -->`, '');
  for (const article of data.articles) out.push(...renderArticle(article, data.colors), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** Obsidian properties for a one-article export: YAML, written by a YAML library so any title is quoted right. */
function frontMatter(article: ExportArticle): string {
  const props: Record<string, unknown> = { title: article.title };
  const url = article.canonicalUrl ?? article.sourceUrl;
  if (url) props.source = url;
  if (article.capturedAt) props.captured = article.capturedAt.slice(0, 10);
  // `tags` are the article's own; its annotations' tags are a property of their own, never mixed in
  const tags = [...new Set((article.tags ?? []).map((t) => obsidianTag(t).slice(1)))];
  if (tags.length) props.tags = tags;
  const annotationTags = [...new Set(article.annotations.flatMap((a) => a.tags.map((t) => obsidianTag(t).slice(1))))];
  if (annotationTags.length) props['annotation-tags'] = annotationTags;
  props.annotations = article.annotations.length;
  return `---\n${stringify(props).trimEnd()}\n---\n`;
}

function renderArticle(article: ExportArticle, colors: Map<string, HighlightColor>): string[] {
  const lines: string[] = [`# ${escapeInline(article.title.replace(/\s+/g, ' ').trim() || 'Untitled')}`, ''];
  const url = article.canonicalUrl ?? article.sourceUrl;
  if (url) lines.push(`Source: ${safeLink(url)}  `);
  if (article.capturedAt) lines.push(`Captured: ${article.capturedAt.slice(0, 10)}  `);
  lines.push(`Annotations: ${article.annotations.length}`, '');

  const passages = article.annotations.filter((a) => a.quote && a.anchor.state !== 'orphan');
  const orphans = article.annotations.filter((a) => a.quote && a.anchor.state === 'orphan');
  const notes = article.annotations.filter((a) => !a.quote);

  if (notes.length) {
    lines.push('## Notes', '');
    for (const n of notes) lines.push(n.note.trim(), ...metaLine(n, colors), '');
  }
  if (passages.length) {
    lines.push('## Highlights', '');
    for (const a of passages) {
      lines.push(...blockquote(a.quote!.exact));
      if (a.note.trim()) lines.push('', a.note.trim());
      lines.push(...metaLine(a, colors), '');
    }
  }
  if (orphans.length) {
    lines.push(
      '## Orphaned annotations',
      '',
      '_These passages were not found in the current version of the article; quoted with their context._',
      '',
    );
    for (const a of orphans) {
      const q = a.quote!;
      const flat = (t: string) => escapeInline(t.replace(/\s+/g, ' '));
      lines.push(`> …${flat(q.prefix)}**${flat(q.exact).trim()}**${flat(q.suffix)}…`);
      if (a.note.trim()) lines.push('', a.note.trim());
      lines.push(...metaLine(a, colors), '');
    }
  }
  return lines;
}

/** "yellow (Key claim) · #tag #other-tag · 2024-05-01": the color by name and meaning, tags Obsidian can read. */
function metaLine(a: Annotation, colors: Map<string, HighlightColor>): string[] {
  const parts: string[] = [];
  if (a.color) {
    const c = colors.get(a.color);
    parts.push(c ? `${c.name} (${escapeInline(c.label)})` : a.color);
  }
  if (a.tags.length) parts.push(a.tags.map(obsidianTag).join(' '));
  parts.push(a.createdAt.slice(0, 10));
  return ['', parts.join(' · ')];
}

/** Obsidian tags hold letters, digits, _, - and /; anything else becomes a dash, and a tag needs a non-digit. */
export function obsidianTag(name: string): string {
  let tag = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_/-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (!tag || /^\d+$/.test(tag)) tag = `tag-${tag}`;
  return `#${tag}`;
}

/** Every line of the passage behind "> "; the passage text is archived content, so Markdown in it is escaped. */
function blockquote(passage: string): string[] {
  return escapeInline(passage)
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${escapeLineStart(line)}` : '>'));
}

/** Escapes characters that would turn quoted page text into links, HTML, emphasis or code. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~=$]/g, (c) => `\\${c}`);
}

/** Escapes what only matters at the start of a line: headings, lists, quotes. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#+-]|\d+[.)])/, (_m, space: string, mark: string) => `${space}\\${mark}`);
}

/** Links only for web addresses; anything else (urn:, javascript:) is shown as code, never as a link. */
function safeLink(url: string): string {
  if (/^https?:\/\/[^\s<>]+$/i.test(url)) return `<${url}>`;
  return `\`${url.replace(/`/g, '')}\``;
}
