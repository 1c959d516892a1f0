// Options: shows this extension's origin for `stacks clipper pair`, keeps the address and key, tests the pairing.
import { callStacks, loadSettings, saveSettings } from './settings.js';

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
