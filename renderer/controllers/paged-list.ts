// A long list fetched a page at a time: which pages are loaded or in flight, the total, the error, and a generation
// that drops answers to a list that was reset meanwhile. Views ask for pages before rendering, never from render().
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort } from '../client/client-error.js';

export type PageFetch<T> = (offset: number, limit: number) => Promise<{ total: number; items: T[] }>;

export class PagedListController<T> implements ReactiveController {
  /** -1 until the first page answers. */
  total = -1;
  error = '';
  private pages = new Map<number, T[]>();
  private loading = new Set<number>();
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetchPage: PageFetch<T>,
    readonly pageSize: number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets every page (the filter or sort changed, or the archive did) and fetches the first again. */
  reset(): void {
    this.generation++;
    this.loading.clear();
    this.pages = new Map();
    this.total = -1;
    this.error = '';
    void this.load(0);
  }

  itemAt(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Fetches the page holding each of these rows, unless it is loaded or on its way. */
  ensureRows(...indexes: number[]): void {
    for (const i of indexes) if (i >= 0 && !this.itemAt(i)) void this.load(Math.floor(i / this.pageSize));
  }

  private async load(page: number): Promise<void> {
    if (this.pages.has(page) || this.loading.has(page)) return;
    const gen = this.generation;
    this.loading.add(page);
    try {
      const list = await this.fetchPage(page * this.pageSize, this.pageSize);
      if (gen !== this.generation) return;
      this.total = list.total;
      this.pages = new Map(this.pages).set(page, list.items);
    } catch (err) {
      if (!isAbort(err) && gen === this.generation) this.error = (err as Error).message;
    } finally {
      if (gen === this.generation) this.loading.delete(page);
      this.host.requestUpdate();
    }
  }
}
