/** Asserting that an operation fails the way a person would be told it failed. */
import assert from 'node:assert/strict';
import { PerpvolError } from '../../src-main/core/errors.ts';

/** Awaits `promise`, asserts it rejects with a PerpvolError of `code`, and returns that error. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<PerpvolError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PerpvolError, `expected a PerpvolError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a rejection with ${code}`);
}
