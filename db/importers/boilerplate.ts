// Recognizers for lines that are page chrome (navigation, ads, cookie banners) or image captions/credits.

/** Whole lines that are navigation remnants when a page is copied as text. Compared case-insensitively. */
const CHROME_LINES = new Set([
  'skip to content', 'skip to main content', 'skip to navigation', 'skip to main navigation', 'skip to footer',
  'skip to search', 'skip navigation', 'jump to content', 'jump to navigation', 'main menu', 'menu', 'open menu',
  'close menu', 'toggle menu', 'toggle navigation', 'navigation', 'home', 'search', 'open search', 'close',
  'advertisement', 'advertisment', 'ad', 'sponsored', 'sponsored content', 'share', 'share this', 'share this article',
  'share this story', 'share on facebook', 'share on twitter', 'share on x', 'share on linkedin', 'share via email',
  'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'reddit', 'email', 'print', 'copy link', 'link copied',
  'subscribe', 'subscribe now', 'sign in', 'sign up', 'log in', 'login', 'register', 'my account', 'newsletter',
  'sign up for our newsletter', 'follow us', 'back to top', 'return to top', 'read more', 'continue reading',
  'related', 'related articles', 'related stories', 'more stories', 'recommended', 'most popular', 'trending',
  'comments', 'show comments', 'hide comments', 'listen to this article', 'listen', 'save', 'save article',
  'gift this article', 'accept', 'accept all', 'reject all', 'manage cookies', 'cookie settings', 'got it',
  'loading...', 'loading', 'view comments', 'leave a comment', 'donate', 'support us',
]);

const COOKIE_BANNER = /\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings|preferences|consent)|by continuing to (use|browse))\b/i;
const READ_TIME = /^\d+\s*(min|mins|minute|minutes)\s*(read|listen)$/i;
// "Home › World › Asia": only arrow-like separators, so "Photo: Jane Doe / Reuters" is not taken for one.
const BREADCRUMB = /^(\S+( \S+){0,2})( [>›»] \S+( \S+){0,2}){1,5}$/;

/** True when a line (already trimmed) is page chrome rather than article text. */
export function isChromeLine(line: string): boolean {
  const key = line.toLowerCase().replace(/[\s:.!›»>|]+$/u, '').trim();
  if (CHROME_LINES.has(key)) return true;
  if (READ_TIME.test(key)) return true;
  if (line.length < 400 && COOKIE_BANNER.test(line)) return true;
  if (line.length < 80 && BREADCRUMB.test(line) && !/[.?!]$/.test(line)) return true;
  return false;
}

// "Photo:", "Image credit:", "Caption |" ... a label and a delimiter; a bare "Image recognition is" is prose.
const CAPTION_START = /^(photo|photograph|image|picture|pictured|illustration|graphic|caption|source)s?( credits?)?\s*[:|]/i;
const CREDIT_START = /^(photo |image )?credits?\s*[:|]/i;
// A caption copied without its (image-hosted) credit text ends in a dangling "Credit:".
const CREDIT_END = /\bcredits?\s*:\s*$|\b(photo|image) credits?\s*:?\s*$/i;
// "(AP Photo/Lee Jin-man)", "(Reuters/Maxim Shemetov)": an agency name with a photographer, at the end.
const AGENCY_CREDIT = /\((AP|AFP|Reuters|Getty Images|EPA|Xinhua|Sputnik|TASS|Bloomberg|Shutterstock)\b[^)]*(photo|\/)[^)]*\)\s*\.?$/i;
const PHOTO_BY = /^(photo|photograph|image|illustration)\s+(by|courtesy( of)?)\s+\S/i;
const WIRE_SUFFIX = /\s[/|]\s*(AP|AFP|Reuters|Getty Images|EPA|Shutterstock|Alamy)\s*\.?$/i;

/** True when a line is an image caption or photo credit (kept, but marked as such). */
export function isCaptionLine(line: string): boolean {
  if (line.length > 500) return false;
  return CAPTION_START.test(line) || CREDIT_START.test(line) || CREDIT_END.test(line) || AGENCY_CREDIT.test(line)
    || /^\((AP|AFP) Photo\//i.test(line)
    || PHOTO_BY.test(line) || WIRE_SUFFIX.test(line);
}
