// The toolbar popup: tags typed by the user, then the current tab sent to Stacks through the background.
import { loadSettings, pairWithCode } from './settings.js';

const status = document.getElementById('status');
const button = document.getElementById('send');

/** The tab to clip: the active one, or (when the popup is opened as a page) the one named by ?tab=ID. */
async function targetTab() {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function parseTags(text) {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ].slice(0, 100);
}

document.getElementById('clip').addEventListener('submit', async (event) => {
  event.preventDefault();
  const tabId = await targetTab();
  if (tabId === null) {
    status.textContent = 'No tab to send.';
    return;
  }
  button.disabled = true;
  status.textContent = 'Sending…';
  const answer = await chrome.runtime.sendMessage({
    type: 'clip',
    tabId,
    tags: parseTags(document.getElementById('tags').value),
  });
  button.disabled = false;
  if (!answer?.ok) {
    status.textContent = answer?.error ?? 'Sending failed.';
    status.className = 'error';
    return;
  }
  const v = answer.value;
  const parts = [v.status === 'duplicate' ? 'Already in Stacks' : v.newVersion ? 'Saved as a new version' : 'Saved'];
  if (v.highlightId) parts.push('with your highlight');
  status.textContent = `${parts.join(' ')}: ${v.title}`;
  status.className = 'ok';
  for (const note of v.notes ?? []) status.append(document.createElement('br'), note);
});

// Not paired yet: the popup asks for the app's pairing code first.
const pairForm = document.getElementById('pair-code');
if (!(await loadSettings()).key) {
  pairForm.hidden = false;
  status.textContent = 'Pair with Stacks first: paste the pairing code the app shows.';
}
pairForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  status.className = '';
  try {
    const paired = await pairWithCode(document.getElementById('code').value);
    pairForm.hidden = true;
    status.textContent = `Paired with Stacks at ${paired.server}. You can send this page now.`;
    status.className = 'ok';
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
    status.className = 'error';
  }
});
