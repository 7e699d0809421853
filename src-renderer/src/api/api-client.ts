/**
 * The renderer's one view of the backend: exactly the contract (PerpvolApi), whichever transport
 * carries it — IPC in the desktop app, HTTP + Server-Sent Events in a browser. Pages never know which.
 */
import type { PerpvolApi } from '../../../src-shared/contract.ts';
import type { ErrorInfo } from '../../../src-shared/schemas.ts';

export type ApiClient = PerpvolApi;

export type TransportKind = 'ipc' | 'http';

/** A failed call, as both transports report it: the service's code and message for a person. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status when the HTTP transport carried the call. */
    readonly status: number | null = null,
  ) {
    super(message);
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** Any rejection reason (an {code,message} object from the preload, an Error, anything) as an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (typeof reason === 'object' && reason !== null && 'code' in reason && 'message' in reason) {
    const { code, message } = reason as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new ApiError(code, message);
  }
  if (reason instanceof Error) return new ApiError('unexpected_error', reason.message);
  return new ApiError('unexpected_error', String(reason));
}
