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
    throw new Error(`Stacks is not running at ${origin}: start it with \`stacks serve\`.`);
  }
  if (res.status === 401) throw new Error('Stacks refused the key: pair again (`stacks clipper pair`).');
  if (res.status === 403)
    throw new Error(
      "Stacks does not allow this browser's clipper: run `stacks clipper pair` with the origin shown in the options.",
    );
  const body = await res.json().catch(() => null);
  if (!body) throw new Error(`Stacks answered HTTP ${res.status}.`);
  return body;
}
