// The W3C Web Annotation JSON-LD shapes Stacks writes and reads, and its extension keys (absolute "stacks:" IRIs).
import type { TextPositionSelector, TextQuoteSelector } from '../contract/types.js';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ANNOTATION_URN = 'urn:stacks:annotation:';
export const ARTICLE_URN = 'urn:stacks:article:';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging' | 'classifying';
  format?: string;
}

export interface ColorExtension {
  name: string;
  label: string;
  hex: string;
}

export interface JsonLdTarget {
  source: string;
  selector?: (TextPositionSelector | TextQuoteSelector)[];
  'stacks:articleTitle'?: string;
  'stacks:textSha256'?: string;
}

export interface JsonLdAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  target: JsonLdTarget;
  body?: TextualBody[];
  'stacks:kind': string;
  'stacks:captureSha256': string;
  'stacks:color'?: ColorExtension;
  'stacks:anchorState': string;
}

export interface JsonLdCollection {
  '@context': string;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: string;
  first: { type: 'AnnotationPage'; id: string; startIndex: number; items: JsonLdAnnotation[] };
}
