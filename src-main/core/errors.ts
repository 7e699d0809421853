/**
 * Errors are values with a stable snake_case `code` and a message written for a person: what went
 * wrong and what to do. Every face (REST, IPC, CLI) shows `message` as is, so it must never carry
 * a secret.
 */
export type ErrorKind =
  | 'bad_input' // the caller sent something malformed: 400
  | 'unauthorized' // 401
  | 'not_found' // 404
  | 'conflict' // 409
  | 'credentials_rejected' // the exchange refused the key: 422
  | 'exchange_unavailable' // unreachable, 5xx, maintenance, an answer that makes no sense: 502
  | 'exchange_timeout' // the exchange did not answer in time: 504
  | 'rate_limited' // we were throttled even though we paced ourselves: 503
  | 'storage' // the database, disk or secret store cannot do it now: 503
  | 'internal';

export const HTTP_STATUS_BY_KIND: Record<ErrorKind, number> = {
  bad_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  credentials_rejected: 422,
  exchange_unavailable: 502,
  exchange_timeout: 504,
  rate_limited: 503,
  // 503, not 507: docs/api.md ("Statuses") promises scripts a closed set of statuses, and "cannot do that right now,
  // fix the server side" is what 503 says (the code and message name the cause: disk_full, …).
  storage: 503,
  internal: 500,
};

export class PerpvolError extends Error {
  override readonly name = 'PerpvolError';
  constructor(
    readonly kind: ErrorKind,
    /** snake_case, stable: scripts match on it. */
    readonly code: string,
    message: string,
    /** Whether trying the same thing again later can succeed (network, 5xx, 429). */
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_KIND[this.kind];
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export const badInput = (code: string, message: string): PerpvolError =>
  new PerpvolError('bad_input', code, message);

export const notFound = (code: string, message: string): PerpvolError =>
  new PerpvolError('not_found', code, message);

/** Any thrown value as a PerpvolError; unknown errors keep their message but get a generic code. */
export function asPerpvolError(error: unknown): PerpvolError {
  if (error instanceof PerpvolError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PerpvolError('internal', 'internal_error', message, false, { cause: error });
}
