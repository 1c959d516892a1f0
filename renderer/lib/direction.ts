// The writing direction of an article: from its language when that is a right-to-left one, else from its text.

/** Languages written right to left (primary subtags). */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'ha-arab',
  'he',
  'iw',
  'ks',
  'ku-arab',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi',
]);

/** First strong right-to-left or left-to-right letter (Unicode bidi classes R/AL against L, roughly). */
const STRONG = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]|[\p{L}]/u;
const RTL_SCRIPT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * 'rtl' or 'ltr' for an article. The language decides when it names a right-to-left one (`he`, `ar-EG`,
 * `az-Arab`); otherwise the first strong letter of the text does, as `dir="auto"` would for the whole article.
 */
export function articleDirection(language: string | null | undefined, text: string): 'rtl' | 'ltr' {
  const tag = (language ?? '').toLowerCase();
  if (tag) {
    const primary = tag.split('-')[0]!;
    if (RTL_LANGUAGES.has(primary) || /-(arab|hebr|syrc|thaa)\b/.test(tag)) return 'rtl';
    if (/^[a-z]{2,3}(-|$)/.test(tag) && !RTL_SCRIPT.test(text.slice(0, 400))) return 'ltr';
  }
  const first = STRONG.exec(text.slice(0, 2000));
  return first && RTL_SCRIPT.test(first[0]) ? 'rtl' : 'ltr';
}
