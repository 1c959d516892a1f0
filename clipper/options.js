// Options: pairs by the app's code, or shows this extension's origin for `stacks clipper pair` and keeps address and key.
import { callStacks, loadSettings, pairWithCode, saveSettings } from './settings.js';

const status = document.getElementById('status');
document.getElementById('pair-command').textContent = `stacks clipper pair --origin ${location.origin}`;

const current = await loadSettings();
document.getElementById('server').value = current.server;
document.getElementById('key').value = current.key;

document.getElementById('pairing').addEventListener('submit', async (event) => {
  event.preventDefault();
  status.className = '';
  try {
    await saveSettings(document.getElementById('server').value, document.getElementById('key').value);
    // An empty clip: Stacks checks the key and origin first, then refuses the input, which proves the pairing.
    const answer = await callStacks({});
    if (answer.ok || answer.error?.code === 'INVALID_INPUT') {
      status.textContent = 'Paired: Stacks accepted the key.';
      status.className = 'ok';
    } else throw new Error(answer.error?.message ?? 'Stacks did not accept the test.');
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
    status.className = 'error';
  }
});

document.getElementById('pair-code').addEventListener('submit', async (event) => {
  event.preventDefault();
  status.className = '';
  try {
    const paired = await pairWithCode(document.getElementById('code').value);
    document.getElementById('server').value = paired.server;
    document.getElementById('key').value = paired.key;
    document.getElementById('code').value = '';
    status.textContent = `Paired with the Stacks app at ${paired.server}.`;
    status.className = 'ok';
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
    status.className = 'error';
  }
});
