// Links that leave the archive: rendered unfollowable by the browser, and every way of following one goes to one confirmation.

/** The only schemes a link out of the archive may have. */
export const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Turns a sanitized `<a href>` into a link the browser itself cannot follow: the URL moves to `data-href`, so a
 * middle-click, a modifier-click, a drag or the context menu's "Open link in new tab" have nothing to open, and
 * the only way out is the app's confirmation. It stays a link for keyboards and screen readers (role, tabindex)
 * and shows its address on hover. Anything but http(s)/mailto loses its URL altogether.
 */
export function neuterLink(el: Element): void {
  const href = (el.getAttribute('href') ?? '').trim();
  el.removeAttribute('href');
  el.removeAttribute('target');
  el.removeAttribute('ping');
  if (!SAFE_LINK.test(href)) return;
  el.setAttribute('data-external', 'true');
  el.setAttribute('data-href', href);
  el.setAttribute('role', 'link');
  el.setAttribute('tabindex', '0');
  if (!el.getAttribute('title')) el.setAttribute('title', href);
}

/** The URL of the external link an event happened on (through shadow roots), or null. */
export function externalLinkOf(e: Event): string | null {
  for (const node of e.composedPath()) {
    if (node instanceof HTMLElement && node.dataset.external) {
      const url = node.dataset.href ?? '';
      return SAFE_LINK.test(url) ? url : null;
    }
  }
  return null;
}

/**
 * Sends every attempt to follow an external link to `confirm`: any click (plain, Ctrl, Cmd, Shift, Alt), the
 * middle or any other button (auxclick), and Enter or Space on a focused link. Listens on the window in the
 * capture phase, before any view, so no view can forget it. Returns the function that removes the listeners.
 */
export function installLinkGuard(confirm: (url: string) => void): () => void {
  const onPointer = (e: MouseEvent) => {
    const url = externalLinkOf(e);
    if (url === null) return;
    e.preventDefault();
    e.stopPropagation();
    // a right button's auxclick is the context menu: the menu has no link to open, so it is left alone
    if (e.type === 'auxclick' && e.button === 2) return;
    confirm(url);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const url = externalLinkOf(e);
    if (url === null) return;
    e.preventDefault();
    e.stopPropagation();
    confirm(url);
  };
  window.addEventListener('click', onPointer, true);
  window.addEventListener('auxclick', onPointer, true);
  window.addEventListener('keydown', onKey, true);
  return () => {
    window.removeEventListener('click', onPointer, true);
    window.removeEventListener('auxclick', onPointer, true);
    window.removeEventListener('keydown', onKey, true);
  };
}
