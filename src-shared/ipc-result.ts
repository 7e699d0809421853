/**
 * What an IPC handler answers: the method's output, or the error as {code, message}. Errors travel
 * as values because Electron rewrites thrown errors' messages and drops their fields.
 */
import type { ErrorInfo } from './schemas.ts';

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
