// The one validating dispatcher every transport calls (IPC, HTTP, CLI): check the method, validate, run, errors as data.
import type { ApiInput, ApiOutput, ApiResult, ArchiveApi, ArchiveMethod } from '../contract/api.js';
import { ArchiveError, toApiError } from '../contract/errors.js';
import { isArchiveMethod, validateInput } from '../contract/schemas.js';

/** Never throws: whatever happens comes back as `{ ok, value }` or `{ ok: false, error }`. */
export async function callApi(api: ArchiveApi, method: string, input: unknown): Promise<ApiResult<unknown>> {
  try {
    if (!isArchiveMethod(method)) throw new ArchiveError('NOT_FOUND', `Unknown method "${method}"`);
    const valid = validateInput(method, input);
    // One generic call site: the schema has already proven `valid` fits this method's parameter.
    const fn = api[method] as (input: unknown) => unknown;
    const value = await fn.call(api, valid);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

/**
 * The same dispatch for an in-process caller that wants a value or a thrown ArchiveError (the CLI): identical
 * validation, limits and error codes to what IPC and HTTP callers get.
 */
export async function invokeApi<M extends ArchiveMethod>(
  api: ArchiveApi,
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const result = await callApi(api, method, input);
  if (!result.ok) throw new ArchiveError(result.error.code, result.error.message);
  return result.value as ApiOutput<M>;
}

export type { ArchiveMethod };
