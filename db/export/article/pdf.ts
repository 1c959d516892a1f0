// An exported article's HTML printed to PDF by a local Chromium through playwright-core, offline: every request the
// page would make is refused (the HTML is self-contained, so none is needed).
import fs from 'node:fs';
import { ArchiveError } from '../../contract/errors.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The Chromium to print with: $STACKS_CHROMIUM, else the usual install places; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.STACKS_CHROMIUM;
  if (given) return fs.existsSync(given) ? given : null;
  return CANDIDATES.find((c) => fs.existsSync(c)) ?? null;
}

const NO_PDF =
  'PDF export needs Chromium and the playwright-core package. Export HTML instead (--format html) and print it to ' +
  'PDF from a browser, or open the article in the app and choose Export › PDF.';

export async function printHtmlToPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const executablePath = findChromium(env);
  if (!executablePath) {
    throw new ArchiveError('UNAVAILABLE', `${NO_PDF} (No Chromium found; set STACKS_CHROMIUM to its path.)`);
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new ArchiveError('UNAVAILABLE', `${NO_PDF} (playwright-core is not installed: npm install playwright-core.)`);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    // Chromium's own sandbox cannot start as root (containers); the page it prints runs no script either way.
    chromiumSandbox: process.getuid?.() !== 0,
    args: [
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    });
  } finally {
    await browser.close();
  }
}
