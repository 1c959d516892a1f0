// Hash routes: #/library?..., #/search?q=, #/article/ID?offset=N, #/highlights, #/import, #/timeline, #/start.

export type RouteName = 'library' | 'search' | 'article' | 'highlights' | 'import' | 'timeline' | 'start';

export interface Route {
  name: RouteName;
  params: URLSearchParams;
  id?: number;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2) as [string?, string?];
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  const head = parts[0] ?? 'library';
  if (head === 'article' && parts[1] && /^\d+$/.test(parts[1]))
    return { name: 'article', id: Number(parts[1]), params };
  if (head === 'search' || head === 'highlights' || head === 'import' || head === 'timeline' || head === 'start')
    return { name: head, params };
  return { name: 'library', params };
}

export function href(
  name: RouteName,
  params: Record<string, string | number | undefined | null> = {},
  id?: number,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const q = search.toString();
  return `#/${name}${id !== undefined ? `/${id}` : ''}${q ? `?${q}` : ''}`;
}

export function navigate(url: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = url.replace(/^#/, '');
  }
}
