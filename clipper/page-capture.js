// Runs in the page (injected by the background): the DOM as the user sees it now, its address and the selection.

/** Must stay self-contained: chrome.scripting serializes this function into the page. */
export function collectPage() {
  const CONTEXT = 32;
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
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\n' : '';
  return {
    url: location.href,
    title: document.title,
    html: doctype + document.documentElement.outerHTML,
    selection,
  };
}
