// Single-key shortcuts stay off while a person types in a text field, and on while a checkbox or button has focus.
import { describe, expect, it } from 'vitest';
import { isTyping } from '../../../renderer/lib/keys.js';

/** A stand-in keyboard event whose composed path starts at an element of this tag (and input type). */
function keyOn(tagName: string, extra: Record<string, unknown> = {}): KeyboardEvent {
  const target = { tagName, isContentEditable: false, ...extra };
  return { composedPath: () => [target] } as unknown as KeyboardEvent;
}

describe('isTyping', () => {
  it('is true in text inputs, text areas, selects and editable text', () => {
    expect(isTyping(keyOn('INPUT', { type: 'text' }))).toBe(true);
    expect(isTyping(keyOn('INPUT', { type: 'search' }))).toBe(true);
    expect(isTyping(keyOn('TEXTAREA'))).toBe(true);
    expect(isTyping(keyOn('SELECT'))).toBe(true);
    expect(isTyping(keyOn('DIV', { isContentEditable: true }))).toBe(true);
  });

  it('is false on checkboxes, radios and buttons, and on plain elements', () => {
    expect(isTyping(keyOn('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTyping(keyOn('INPUT', { type: 'radio' }))).toBe(false);
    expect(isTyping(keyOn('INPUT', { type: 'button' }))).toBe(false);
    expect(isTyping(keyOn('BUTTON'))).toBe(false);
    expect(isTyping(keyOn('ARTICLE'))).toBe(false);
  });
});
