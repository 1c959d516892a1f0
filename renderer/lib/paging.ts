// The API pages lists (at most PAGE_MAX items per call); this gathers as many items as wanted across pages.

export const PAGE_MAX = 200;

export async function collectPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<{ total: number; items: T[] }>,
  wanted = Infinity,
): Promise<{ total: number; items: T[] }> {
  const items: T[] = [];
  let total = 0;
  for (;;) {
    const page = await fetchPage(items.length, Math.min(PAGE_MAX, Math.max(1, wanted - items.length)));
    total = page.total;
    items.push(...page.items);
    if (!page.items.length || items.length >= total || items.length >= wanted) break;
  }
  return { total, items };
}
