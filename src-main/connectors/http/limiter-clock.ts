/**
 * Time as the rate limiters see it. Real time is milliseconds since the epoch read from the
 * monotonic clock (performance.timeOrigin + performance.now()): it never steps backwards within a
 * process, and it is comparable across restarts, which the spending log needs. Tests hand in a
 * simulated clock so that "a window passes" is a decision, not a wait.
 */
export interface LimiterClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const realClock: LimiterClock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: sleepFor,
};
