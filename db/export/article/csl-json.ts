// CSL-JSON items (type webpage), the format citeproc processors, Zotero and pandoc read.
import type { CitationSource } from './citation-data.js';

export interface CslItem {
  id: string;
  type: 'webpage';
  title: string;
  author?: { family?: string; given?: string; literal?: string }[];
  'container-title'?: string;
  URL?: string;
  issued?: { 'date-parts': number[][] };
  accessed: { 'date-parts': number[][] };
  language?: string;
  keyword?: string;
}

export function toCslItems(sources: CitationSource[]): CslItem[] {
  return sources.map((s) => {
    const item: CslItem = {
      id: `stacks-${s.id}`,
      type: 'webpage',
      title: s.title,
      accessed: { 'date-parts': [s.accessed] },
    };
    if (s.authors.length) item.author = s.authors.map((p) => ({ ...p }));
    if (s.site) item['container-title'] = s.site;
    if (s.url) item.URL = s.url;
    if (s.published) item.issued = { 'date-parts': [s.published] };
    if (s.language) item.language = s.language;
    if (s.tags.length) item.keyword = s.tags.join(', ');
    return item;
  });
}

export function toCslJson(sources: CitationSource[]): string {
  return `${JSON.stringify(toCslItems(sources), null, 2)}\n`;
}
