import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { toStorageError, withStorageErrors } from '../../src-main/store/storage-errors.ts';

const coded = (code: string) => Object.assign(new Error(`driver says ${code}`), { code });

describe('storage errors', () => {
  it('a full disk on either database is disk_full, a storage error telling the user to free space', () => {
    for (const error of [coded('SQLITE_FULL'), coded('53100')]) {
      const mapped = toStorageError(error);
      assert.deepEqual([mapped.kind, mapped.code, mapped.httpStatus], ['storage', 'disk_full', 503]);
      assert.match(mapped.message, /free some disk space/i);
    }
  });

  it('a lost Postgres connection is retryable and a busy SQLite file too', () => {
    assert.deepEqual([toStorageError(coded('ECONNREFUSED')).code, toStorageError(coded('ECONNREFUSED')).retryable], ['database_unreachable', true]);
    assert.deepEqual([toStorageError(coded('57P01')).code, toStorageError(coded('SQLITE_BUSY')).code], ['database_unreachable', 'database_busy']);
    assert.equal(toStorageError(new AggregateError([coded('ECONNREFUSED')])).code, 'database_unreachable');
  });

  it('PerpvolErrors pass through unchanged', () => {
    const original = new PerpvolError('bad_input', 'invalid_cursor', 'bad cursor');
    assert.equal(toStorageError(original), original);
  });

  it('a guarded repository rejects and throws PerpvolErrors from promises and async iterables', async () => {
    const repo = withStorageErrors({
      fail: async () => {
        throw coded('SQLITE_FULL');
      },
      async *stream() {
        yield 1;
        throw coded('53100');
      },
    });
    await assert.rejects(repo.fail(), (e: unknown) => e instanceof PerpvolError && e.code === 'disk_full');
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const n of repo.stream()) seen.push(n);
    }, (e: unknown) => e instanceof PerpvolError && e.code === 'disk_full');
    assert.deepEqual(seen, [1]);
  });
});
