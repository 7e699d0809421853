/**
 * A time limit the HTTP client can see. `AbortSignal.timeout` ends an operation when its time is
 * up, but an exchange call should not spend that time waiting for something it already knows will
 * come too late (a 60-second rate-limit reset inside a 30-second "add account"): it should say so
 * at once. A signal made here carries its deadline for the client to read.
 */
const deadlines = new WeakMap<AbortSignal, number>();

/** A signal that aborts with a TimeoutError after `ms`, and whose deadline `msLeft` can read. */
export function deadlineSignal(ms: number): AbortSignal {
  const signal = AbortSignal.timeout(ms);
  deadlines.set(signal, Date.now() + ms);
  return signal;
}

/** Time left before `signal`'s deadline; Infinity for a signal without one (a sync pass). */
export function msLeft(signal: AbortSignal): number {
  const deadline = deadlines.get(signal);
  return deadline === undefined ? Infinity : deadline - Date.now();
}

/** Whether `signal` ended because its time was up (not because someone cancelled). */
export function timedOut(signal: AbortSignal): boolean {
  const reason: unknown = signal.reason;
  return signal.aborted && reason instanceof DOMException && reason.name === 'TimeoutError';
}
