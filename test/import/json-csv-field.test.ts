/**
 * The import body's csv field, taken out as bytes and unescaped in place, must be exactly what
 * JSON.parse would give — every escape, any field order — and anything JSON.parse refuses is
 * refused as malformed JSON.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { takeCsvField } from '../../src-main/import/json-csv-field.ts';

const take = (json: string) => {
  const { csv, rest } = takeCsvField(Buffer.from(json, 'utf8'));
  return { csv: csv === null ? null : Buffer.from(csv).toString('utf8'), rest };
};

describe('takeCsvField', () => {
  test('gives the csv field as JSON.parse does, and the other fields beside it', () => {
    const body = { format: 'bybit', csv: 'a,b\r\n"q",\\t\u00e9€😀\u0001/\n', utcOffset: '+02:00', extra: { nested: ['x', { csv: 'inner' }] } };
    const { csv, rest } = take(JSON.stringify(body));
    assert.equal(csv, body.csv);
    assert.deepEqual(rest, { ...body, csv: '' });
    assert.equal(take('{"csv":"\\u00e9\\ud83d\\ude00\\/\\b\\f\\ud800x"}').csv, JSON.parse('"\\u00e9\\ud83d\\ude00\\/\\b\\f\\ufffdx"'));
  });

  test('matches JSON.parse for any string, in any field order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (text, csvFirst) => {
        const json = csvFirst ? JSON.stringify({ csv: text, format: 'auto' }) : JSON.stringify({ format: 'auto', csv: text });
        assert.equal(take(json).csv, Buffer.from(text, 'utf8').toString('utf8'));
      }),
    );
  });

  test('finds the top-level csv among any other fields, nested csv keys and values of every kind', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.option(fc.string({ unit: 'binary' })), (fields, csv) => {
        const json = JSON.stringify(csv === null ? fields : { ...fields, csv });
        const expected = JSON.parse(json) as Record<string, unknown>;
        const { csv: taken, rest } = take(json);
        assert.equal(taken, typeof expected['csv'] === 'string' ? expected['csv'] : null);
        assert.deepEqual(rest, typeof expected['csv'] === 'string' ? { ...expected, csv: '' } : expected);
      }),
    );
  });

  test('the last csv key wins, as in JSON.parse; a csv that is not a string is left to the schema', () => {
    assert.equal(take('{"csv": "first", "csv": "second"}').csv, 'second');
    assert.deepEqual(take('{"csv": "first", "csv": 5}'), { csv: null, rest: { csv: 5 } });
    assert.deepEqual(take('[1, 2]'), { csv: null, rest: [1, 2] });
    assert.deepEqual(take('{}'), { csv: null, rest: {} });
  });

  test('what JSON.parse refuses is malformed JSON', () => {
    for (const bad of ['{"csv": "a', '{"csv": "a\nb"}', '{"csv": "\\x"}', '{"csv": "\\u12"}', '{"csv": "a" "format": "b"}', '{"csv": "a",}', '{csv: "a"}', '{"csv": "a"} x', 'nope']) {
      assert.throws(() => take(bad), { code: 'malformed_json' }, bad);
    }
  });
});
