// Calls one contract method for a transport: validate, run, and turn every outcome into data (never a throw).
import type { ApiResult, ArchiveApi, ArchiveMethod } from '../contract/api.js';
import { ArchiveError, toApiError } from '../contract/errors.js';
import { isArchiveMethod, validateInput } from '../contract/schemas.js';

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

export type { ArchiveMethod };
