// Keyboard helpers shared by views: single-letter shortcuts must not fire while a person types in a field.

/** Input types that take no typed text. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

export function isTyping(e: KeyboardEvent): boolean {
  const target = e.composedPath()[0] as HTMLElement | undefined;
  if (!target || !target.tagName) return false;
  const tag = target.tagName;
  // Checkboxes, radios and buttons take no text: single-key shortcuts still apply while one has focus.
  if (tag === 'INPUT') return !NOT_TEXT.has((target as HTMLInputElement).type);
  return tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
