// The renderer's one DOMPurify instance: one Trusted Types policy ("dompurify") for every sanitizer of the app.
import DOMPurify from 'dompurify';

let instance: ReturnType<typeof DOMPurify> | null = null;

/**
 * Sanitizes `html` into an inert fragment, running `onElement` on every element after its attributes were
 * filtered. One shared instance, because each DOMPurify instance creates its own Trusted Types policy and the
 * app's CSP allows the name once; the hook is set per call (sanitize is synchronous, calls cannot interleave).
 */
export function purifyToFragment(
  html: string,
  config: Parameters<ReturnType<typeof DOMPurify>['sanitize']>[1],
  onElement: (el: Element) => void,
): DocumentFragment {
  instance ??= DOMPurify(window);
  const purify = instance;
  purify.removeAllHooks();
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeType === 1) onElement(node as Element);
  });
  try {
    return purify.sanitize(html, { ...config, RETURN_DOM_FRAGMENT: true }) as unknown as DocumentFragment;
  } finally {
    purify.removeAllHooks();
  }
}
