// Public face of search: run a query, and the parser and compiler for tools and tests.
export { searchArchive, DEFAULT_LIMIT, MAX_LIMIT } from './run.js';
export { parseQuery, parseDate, MAX_QUERY_CHARS } from './query/parse.js';
export { compileQuery, ftsString, type CompiledQuery } from './query/compile.js';
export type {
  Atom,
  Clause,
  FilterAtom,
  ParsedQuery,
  TextAtom,
  TextField,
  IsValue,
  HasValue,
} from './query/query-types.js';
export { indexAnnotation, unindexAnnotation } from './index/annotation-index.js';
export { indexFileOf } from './index/article-index-file.js';
export { normalizeForIndex } from './normalize.js';
