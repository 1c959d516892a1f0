// Runs in the page (injected by the background): the DOM as the user sees it now, its address, the selection, its images.

/** Must stay self-contained: chrome.scripting serializes this function into the page. */
export async function collectPage() {
  const CONTEXT = 32;
  // Caps keep one clip well inside what Stacks accepts (its own limits are the final word).
  const MAX_IMAGES = 100;
  const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
  const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
  const IMAGE_TIMEOUT_MS = 10_000;

  let selection = null;
  const sel = window.getSelection();
  if (sel && !sel.isCollapsed && sel.rangeCount > 0) {
    const range = sel.getRangeAt(0);
    const exact = sel.toString();
    const root = document.body || document.documentElement;
    const before = document.createRange();
    before.selectNodeContents(root);
    before.setEnd(range.startContainer, range.startOffset);
    const after = document.createRange();
    after.selectNodeContents(root);
    after.setStart(range.endContainer, range.endOffset);
    if (exact.trim()) {
      selection = { exact, prefix: before.toString().slice(-CONTEXT), suffix: after.toString().slice(0, CONTEXT) };
    }
  }
  // The DOM is read before any image is fetched, so the clip is the page as it was when the user asked.
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\n' : '';
  const html = doctype + document.documentElement.outerHTML;

  // Each image by the absolute address the page names (src), the one the browser chose (srcset), and the real image
  // a lazy-loading script keeps in a data- attribute while src holds a placeholder (Stacks' extractor reads the same
  // attributes), once each.
  const LAZY = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-url', 'data-hi-res-src'];
  const absolute = (value) => {
    try {
      return value ? new URL(value.trim(), document.baseURI).href : '';
    } catch {
      return '';
    }
  };
  const addresses = [];
  for (const img of Array.from(document.images)) {
    const lazy = LAZY.map((name) => absolute(img.getAttribute(name)));
    const lazySet = absolute((img.getAttribute('data-srcset') || '').trim().split(/\s+/)[0]);
    for (const address of [img.src, img.currentSrc, ...lazy, lazySet]) {
      if (address && /^https?:/i.test(address) && !addresses.includes(address)) addresses.push(address);
    }
  }

  function base64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  // Fetched as the page itself would (the browser's cache first): same-origin images and those the site allows
  // by CORS come back; anything else fails here and is skipped, so the article shows a placeholder for it.
  const images = [];
  let total = 0;
  for (const address of addresses.slice(0, MAX_IMAGES)) {
    try {
      const res = await fetch(address, {
        cache: 'force-cache',
        credentials: 'same-origin',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(IMAGE_TIMEOUT_MS),
      });
      if (!res.ok) continue;
      const type = (res.headers.get('content-type') || '').toLowerCase();
      if (type && !type.startsWith('image/')) continue;
      if (Number(res.headers.get('content-length')) > MAX_IMAGE_BYTES) continue;
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES || total + bytes.length > MAX_TOTAL_BYTES) continue;
      total += bytes.length;
      images.push({ url: address, data: base64(bytes) });
    } catch {
      // not readable from this page (cross-origin without CORS, blocked, gone, too slow): left out
    }
  }

  return { url: location.href, title: document.title, html, selection, images };
}
