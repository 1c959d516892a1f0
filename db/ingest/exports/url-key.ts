// The normalized URL that identifies an item across exports and re-imports: the same page saved from two tools, or with tracking parameters, is one article.
/** Query parameters that only say how a link was shared, never which page it is. */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|ref_src|share_source)$/i;

/** A web address Stacks keeps for a link: http(s) only (a javascript: bookmarklet or place: query is no page). */
export function webUrl(raw: string | null | undefined): URL | null {
  const text = (raw ?? '').trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The key of a URL: scheme and host lower-cased (the URL parser does that and drops default ports), the fragment and
 * tracking parameters dropped, a trailing slash after a path dropped. Kept: www, the path's case and the other
 * parameters in their order (a different query can be a different page).
 */
export function urlKey(raw: string): string | null {
  const url = webUrl(raw);
  if (!url) return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING.test(name) || (name === 'source' && /^pocket/i.test(url.searchParams.get(name) ?? '')))
      url.searchParams.delete(name);
  }
  let text = url.toString();
  if (url.search === '' && text.endsWith('?')) text = text.slice(0, -1);
  if (url.pathname.length > 1 && url.pathname.endsWith('/') && url.search === '') text = text.slice(0, -1);
  return text;
}

/** The site a link-only article shows (the host without "www."), until a capture brings the site's own name. */
export function siteOf(url: URL): string {
  return url.hostname.replace(/^www\./, '');
}
