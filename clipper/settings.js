// The clipper's pairing (server address and key), kept in the extension's own storage; the address must be loopback.

/** Stacks listens on this machine only; the clipper refuses to send a page anywhere else. */
export const DEFAULT_SERVER = 'http://127.0.0.1:4317';

/** The address as an origin, or null when it is not http on 127.0.0.1 or localhost. */
export function loopbackOrigin(address) {
  let url;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname)) return null;
  return url.origin;
}

export async function loadSettings() {
  const { server, key } = await chrome.storage.local.get(['server', 'key']);
  return { server: typeof server === 'string' ? server : DEFAULT_SERVER, key: typeof key === 'string' ? key : '' };
}

export async function saveSettings(server, key) {
  const origin = loopbackOrigin(server);
  if (!origin)
    throw new Error('The address must be http://127.0.0.1:PORT or http://localhost:PORT (Stacks on this computer).');
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(key.trim())) throw new Error('Paste the key `stacks clipper pair` printed.');
  await chrome.storage.local.set({ server: origin, key: key.trim() });
  return { server: origin, key: key.trim() };
}

/** The code the Stacks app shows (Browser clipper setting): `stacks-clipper:PORT:KEY` (db/contract/clipper.ts agrees). */
export function parsePairingCode(text) {
  const match = /^stacks-clipper:(\d{1,5}):([A-Za-z0-9_-]{20,200})$/.exec(String(text).trim());
  if (!match) return null;
  const port = Number(match[1]);
  return port >= 1 && port <= 65535 ? { server: `http://127.0.0.1:${port}`, key: match[2] } : null;
}

/**
 * Pairs with the Stacks app by its code: the app learns this extension's origin from the request (a web page cannot
 * send an extension's origin) and allows it from then on; the address and key are kept only once the app agreed.
 */
export async function pairWithCode(text) {
  const code = parsePairingCode(text);
  if (!code) throw new Error('That is not a Stacks pairing code: copy it from Stacks (Settings, Browser clipper).');
  let res;
  try {
    res = await fetch(`${code.server}/clipper/pair`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${code.key}`, 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new Error(`Stacks is not listening at ${code.server}: turn on the browser clipper in Stacks' settings.`);
  }
  if (res.status === 401) throw new Error('Stacks refused the pairing code: copy the current one from Stacks.');
  if (!res.ok)
    throw new Error(
      `Stacks at ${code.server} does not take pairing codes (HTTP ${res.status}): is this the Stacks app's address?`,
    );
  await saveSettings(code.server, code.key);
  return code;
}

/** One call to the paired Stacks: POST /api/clipPage with the key; the answer or a readable error. */
export async function callStacks(input) {
  const { server, key } = await loadSettings();
  const origin = loopbackOrigin(server);
  if (!origin || !key) throw new Error('Not paired yet: open the clipper options and paste the address and key.');
  let res;
  try {
    res = await fetch(`${origin}/api/clipPage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new Error(
      `Stacks is not running at ${origin}: open the Stacks app with its browser clipper on, or run \`stacks serve\`.`,
    );
  }
  if (res.status === 401)
    throw new Error('Stacks refused the key: pair again (a new code from the app, or `stacks clipper pair`).');
  if (res.status === 403)
    throw new Error(
      "Stacks does not allow this browser's clipper: paste a new pairing code from the Stacks app, or run `stacks clipper pair` with the origin shown in the options.",
    );
  const body = await res.json().catch(() => null);
  if (!body) throw new Error(`Stacks answered HTTP ${res.status}.`);
  return body;
}
