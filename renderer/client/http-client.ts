// Client for `stacks serve`: POST /api/<method> with a bearer token; the token arrives once in the URL hash.
import type { ApiResult } from '../../db/contract/api.js';
import { isApiError } from '../../db/contract/errors.js';
import { buildClient } from './build-client.js';
import { ClientError } from './client-error.js';
import type { RendererClient } from './types.js';

const TOKEN_KEY = 'stacks.token';

/**
 * Takes `#token=...` out of the address bar (so it is not bookmarked or shared by accident) and keeps it in
 * sessionStorage, so a reload of the same tab still works.
 */
export function takeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', `${location.pathname}${location.search}#/library`);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpClient(token: string, base = ''): RendererClient {
  return buildClient(
    async (method, input, options) => {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
          signal: options?.signal ?? null,
        });
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') throw new ClientError('ABORTED', 'Cancelled');
        throw new ClientError('NETWORK', 'The Stacks server cannot be reached. Is “stacks serve” still running?');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ClientError('INTERNAL', `The server answered ${response.status} without a readable body.`);
      }
      if (response.status === 401 || response.status === 403) {
        // plain words: the message is shown as text, where backticks would stay backticks
        const message =
          'This page has no valid access token. Open the full address that “stacks serve” printed in the terminal (it ends in #token=…).';
        return { ok: false, error: { code: 'INVALID_INPUT', message } };
      }
      const result = body as ApiResult<unknown>;
      if (result && typeof result === 'object' && 'ok' in result && (result.ok || isApiError(result.error)))
        return result;
      throw new ClientError('INTERNAL', `Unexpected answer from the server (${response.status}).`);
    },
    (sha) => `${base}/asset/${encodeURIComponent(sha)}?token=${encodeURIComponent(token)}`,
    'http',
    (id) => `${base}/export/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`,
    (captureId) => `${base}/original/${captureId}?token=${encodeURIComponent(token)}`,
  );
}
