// The desktop app's browser-clipper listener as the page sees it, and the pairing code the app shows the user.

/** What the app's Browser clipper setting shows; every field is safe to show the person at the screen. */
export interface ClipperListenerInfo {
  /** The setting: off by default, remembered across launches. */
  enabled: boolean;
  /** Whether the loopback listener is up right now. */
  running: boolean;
  /** The port asked for (0: any free port, fixed once one was given) and, when running, its address. */
  port: number;
  url: string | null;
  /** Port and key in one string to paste into the clipper; null while the listener is off. */
  pairingCode: string | null;
  /** Extension origins that paired with the current code. */
  origins: string[];
  /** Why the listener could not start (a port in use), or null. */
  error: string | null;
}

const CODE = /^stacks-clipper:(\d{1,5}):([A-Za-z0-9_-]{20,200})$/;

/** `stacks-clipper:PORT:KEY`: the clipper reads the loopback port and its key from it (clipper/settings.js agrees). */
export function formatPairingCode(port: number, key: string): string {
  return `stacks-clipper:${port}:${key}`;
}

export function parsePairingCode(text: string): { port: number; key: string } | null {
  const match = CODE.exec(text.trim());
  if (!match) return null;
  const port = Number(match[1]);
  return port >= 1 && port <= 65535 ? { port, key: match[2]! } : null;
}
