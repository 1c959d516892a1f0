// The clipper's background: reads the tab's page (and its images) on request from the popup and sends it to Stacks.
import { collectPage } from './page-capture.js';
import { callStacks } from './settings.js';

/** Stacks takes at most 64 MiB in one request: when a huge page and its images do not fit, the page comes first. */
const BODY_BUDGET = 60 * 1024 * 1024;

function fitImages(html, images) {
  let room = BODY_BUDGET - new TextEncoder().encode(html).length;
  const kept = [];
  for (const image of images) {
    const size = image.data.length + image.url.length * 3 + 32;
    if (size > room) continue;
    room -= size;
    kept.push(image);
  }
  return kept;
}

async function clipTab(tabId, tags) {
  const [injected] = await chrome.scripting.executeScript({ target: { tabId }, func: collectPage });
  const page = injected?.result;
  if (!page) throw new Error('This page cannot be read by an extension (a browser page or the web store).');
  if (!/^https?:/i.test(page.url)) throw new Error('Only web pages (http and https) can be sent to Stacks.');
  const input = { url: page.url, html: page.html };
  if (page.title) input.title = page.title.slice(0, 1000);
  if (page.selection) input.selection = page.selection;
  if (tags.length) input.tags = tags;
  const images = fitImages(page.html, page.images ?? []);
  if (images.length) input.images = images;
  const answer = await callStacks(input);
  if (!answer.ok) throw new Error(answer.error?.message ?? 'Stacks could not store the page.');
  return answer.value;
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // Only the extension's own pages (popup, options) talk to the background.
  if (sender.id !== chrome.runtime.id || message?.type !== 'clip') return false;
  clipTab(message.tabId, Array.isArray(message.tags) ? message.tags : []).then(
    (value) => reply({ ok: true, value }),
    (err) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
  return true;
});
