// W3C Web Annotation JSON-LD export: an AnnotationCollection whose page holds one Annotation per annotation.
import type { Annotation, HighlightColor } from '../contract/types.js';
import type { ExportArticle, ExportData } from './export-data.js';
import {
  ANNO_CONTEXT,
  ANNOTATION_URN,
  ARTICLE_URN,
  type JsonLdAnnotation,
  type JsonLdCollection,
  type JsonLdTarget,
  type TextualBody,
} from './jsonld-shape.js';

export function renderJsonLd(data: ExportData, generatedAt = new Date()): string {
  const items: JsonLdAnnotation[] = [];
  for (const article of data.articles) {
    for (const a of article.annotations) items.push(toJsonLd(a, article, data.colors));
  }
  const id = `urn:stacks:export:${generatedAt.toISOString()}`;
  const collection: JsonLdCollection = {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Stacks annotations (${data.scope})`,
    total: items.length,
    generated: generatedAt.toISOString(),
    first: { type: 'AnnotationPage', id: `${id}#page1`, startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

/** The article's address: canonical URL, else source URL, else a Stacks URN (title and text hash help re-import). */
export function articleSource(article: Pick<ExportArticle, 'id' | 'canonicalUrl' | 'sourceUrl'>): string {
  return article.canonicalUrl ?? article.sourceUrl ?? `${ARTICLE_URN}${article.id}`;
}

export function toJsonLd(a: Annotation, article: ExportArticle, colors: Map<string, HighlightColor>): JsonLdAnnotation {
  const target: JsonLdTarget = { source: articleSource(article) };
  if (a.quote) target.selector = a.position ? [a.position, a.quote] : [a.quote];
  target['stacks:articleTitle'] = article.title;
  if (article.textSha256) target['stacks:textSha256'] = article.textSha256;

  const body: TextualBody[] = [];
  if (a.note) body.push({ type: 'TextualBody', value: a.note, format: 'text/markdown', purpose: 'commenting' });
  for (const tag of a.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  const color = a.color ? colors.get(a.color) : undefined;
  if (a.color) body.push({ type: 'TextualBody', value: color ? color.label : a.color, purpose: 'classifying' });

  const out: JsonLdAnnotation = {
    id: `${ANNOTATION_URN}${a.id}`,
    type: 'Annotation',
    motivation: a.kind === 'highlight' ? 'highlighting' : 'commenting',
    created: a.createdAt,
    modified: a.updatedAt,
    target,
    'stacks:kind': a.kind,
    'stacks:captureSha256': a.captureSha256,
    'stacks:anchorState': a.anchor.state,
  };
  if (body.length) out.body = body;
  if (a.color) out['stacks:color'] = color ? { ...color } : { name: a.color, label: a.color, hex: '#f5d34f' };
  return out;
}
