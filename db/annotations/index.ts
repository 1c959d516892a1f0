// The annotations module: anchoring, create/edit/trash/restore, listing, history, re-anchoring, colors, export, import.
export { anchor, describe, maxErrorsFor, CONTEXT_LENGTH, type Selectors } from './anchor.js';
export { createAnnotation } from './create.js';
export { updateAnnotation, deleteAnnotation, restoreAnnotation } from './edit.js';
export { listAnnotations } from './list.js';
export { annotationHistory } from './revisions.js';
export { reanchorArticle } from './reanchor.js';
export { listColors, setColor } from './colors.js';
export { getAnnotation, findAnnotation } from './store.js';
export { exportAnnotations } from './export.js';
export type { ResolveQuery } from './export-data.js';
export { importAnnotations } from './import-jsonld.js';
