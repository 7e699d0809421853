/**
 * Runs tasks one at a time, in arrival order. The service puts every change to the set of accounts
 * (add, rotate, remove) through one queue: "is this exchange account already here?" and "store it"
 * must not interleave with another add of the same account — a slow exchange check still runs
 * outside, in parallel; only the short check-then-write is serialised.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
