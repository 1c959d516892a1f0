// One API call over loopback HTTP with a server's bearer token: servers started in-process and `stacks serve` children.
import type { RunningServer } from '../../db/server/server.js';

/** Loosely typed on purpose: tests read whatever envelope came back, including malformed ones. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** One API call over HTTP with the server's token (any server: one started here, or a `stacks serve` child's). */
export async function callServer(
  server: Pick<RunningServer, 'url' | 'token'>,
  method: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
}
