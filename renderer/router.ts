// Hash routes: #/library?..., #/search?q=, #/article/ID?offset=N, #/article/ID/versions?from=&to=, #/highlights, #/import,
// #/timeline, #/export?ids=|collection=|q=, #/start, #/backups, #/clipper, #/later, #/continue.

export type RouteName =
  | 'library'
  | 'search'
  | 'article'
  | 'versions'
  | 'highlights'
  | 'import'
  | 'timeline'
  | 'export'
  | 'start'
  | 'backups'
  | 'clipper'
  | 'later'
  | 'continue';

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
    return { name: parts[2] === 'versions' ? 'versions' : 'article', id: Number(parts[1]), params };
  if (
    head === 'search' ||
    head === 'highlights' ||
    head === 'import' ||
    head === 'timeline' ||
    head === 'export' ||
    head === 'start' ||
    head === 'backups' ||
    head === 'clipper' ||
    head === 'later' ||
    head === 'continue'
  )
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
  // The Versions view lives under its article: #/article/ID/versions.
  const path = name === 'versions' ? `article/${id ?? 0}/versions` : `${name}${id !== undefined ? `/${id}` : ''}`;
  return `#/${path}${q ? `?${q}` : ''}`;
}

export function navigate(url: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = url.replace(/^#/, '');
  }
}
