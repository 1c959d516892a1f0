// Starts loading an article when the pointer goes down on a link to it; the reader takes that request on click.
import type { ArticleDetail, ArticleId } from '../../db/contract/types.js';
import type { RendererClient } from '../client/types.js';

/** A press that never became a click leaves its request unused; after this long it is not trusted as fresh. */
const FRESH_MS = 3000;

interface Prefetch {
  id: ArticleId;
  at: number;
  detail: Promise<ArticleDetail>;
}

let pending: Prefetch | null = null;

/**
 * A person's press-to-release takes ~100 ms, about what a large archive needs to answer: asked on pointerdown,
 * the article is often there by the time the click navigates. Only the primary button counts.
 */
export function prefetchArticle(client: RendererClient, id: ArticleId, e?: PointerEvent): void {
  if (e && (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey)) return;
  if (pending?.id === id && performance.now() - pending.at < FRESH_MS) return;
  const detail = client.getArticle({ id });
  detail.catch(() => undefined); // the reader asks again if it is used and failed
  pending = { id, at: performance.now(), detail };
}

/** The prefetched request for `id` when one is fresh (used once), otherwise null. */
export function takePrefetched(id: ArticleId): Promise<ArticleDetail> | null {
  const p = pending;
  pending = null;
  return p && p.id === id && performance.now() - p.at < FRESH_MS ? p.detail : null;
}

/** Drops a pending request: after an archive switch, article N is another archive's article N. */
export function forgetPrefetched(): void {
  pending = null;
}
