// RIS records (type ELEC, the web page type Zotero, EndNote and Mendeley read and write).
import { pad2, type CitationSource } from './citation-data.js';

/** One tag line; RIS has no escaping, so line breaks in a value become spaces. */
const line = (tag: string, value: string): string => `${tag}  - ${value.replace(/\s+/g, ' ').trim()}`;

/** RIS dates: YYYY/MM/DD/ with empty parts left blank. */
function risDate(parts: number[]): string {
  return `${parts[0]}/${parts[1] ? pad2(parts[1]) : ''}/${parts[2] ? pad2(parts[2]) : ''}/`;
}

export function toRis(sources: CitationSource[]): string {
  return sources
    .map((s) => {
      const lines = [line('TY', 'ELEC')];
      for (const p of s.authors) lines.push(line('AU', p.literal ?? (p.given ? `${p.family}, ${p.given}` : p.family!)));
      lines.push(line('TI', s.title));
      if (s.site) lines.push(line('T2', s.site));
      if (s.published) {
        lines.push(line('PY', String(s.published[0])));
        lines.push(line('DA', risDate(s.published)));
      }
      if (s.url) lines.push(line('UR', s.url));
      // Y2 is the access date in the ELEC type (as Zotero writes it).
      lines.push(line('Y2', risDate(s.accessed)));
      if (s.language) lines.push(line('LA', s.language));
      for (const t of s.tags) lines.push(line('KW', t));
      lines.push('ER  - ');
      // The RIS specification ends lines with CR LF.
      return lines.join('\r\n');
    })
    .join('\r\n\r\n')
    .concat('\r\n');
}
