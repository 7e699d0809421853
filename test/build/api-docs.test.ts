/**
 * docs/api.md is the REST API as the server documents it (GET /api/v1/openapi.json): regenerated
 * here in memory from the real app's routes, it must equal the committed file, so a route, a field
 * or a constraint changed without `npm run docs:api` fails the suite. And the page must be readable:
 * every endpoint listed, its parameters and answers written out, nullable fields as unions.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_DOC_PATH, currentApiMarkdown } from '../../build/docs-api.ts';
import { buildOpenApiDocument } from '../../build/openapi-document.ts';
import { typeOf } from '../../build/openapi-markdown.ts';
import { ApiEventSchema } from '../../src-shared/events.ts';

const committed = readFileSync(API_DOC_PATH, 'utf8');

/** The first line where two texts part, for a message that shows what changed. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const at = left.findIndex((line, i) => line !== right[i]);
  const line = at === -1 ? left.length : at;
  return `line ${line + 1}: committed ${JSON.stringify(left[line] ?? '(end of file)')}, now ${JSON.stringify(right[line] ?? '(end of file)')}`;
}

describe('docs/api.md', () => {
  test('is what the OpenAPI document says today (else run `npm run docs:api`)', async () => {
    const fresh = await currentApiMarkdown();
    assert.ok(committed === fresh, `docs/api.md is stale: run \`npm run docs:api\` and commit it (${firstDifference(committed, fresh)})`);
  });

  test('lists every route the server registers, with its token rule', async () => {
    const document = await buildOpenApiDocument();
    const paths = Object.entries(document.paths ?? {});
    assert.ok(paths.length >= 15, `only ${paths.length} paths in the OpenAPI document`);
    for (const [path, item] of paths) {
      for (const method of ['get', 'post', 'put', 'delete'] as const) {
        if (!item?.[method]) continue;
        assert.ok(committed.includes(`\n### ${method.toUpperCase()} ${path}\n`), `${method.toUpperCase()} ${path} has no section`);
      }
    }
    assert.match(committed, /\| GET \| \[`\/api\/v1\/health`\]\(#get-apiv1health\) \| no \|/);
    assert.match(committed, /\| GET \| \[`\/api\/v1\/tiers`\]\(#get-apiv1tiers\) \| yes \|/);
  });

  test('writes parameters, bodies, answers and the error shape out', () => {
    const daily = committed.slice(committed.indexOf('\n### GET /api/v1/volume/daily\n'), committed.indexOf('\n### GET /api/v1/volume/summary\n'));
    assert.match(daily, /\| `from` \| query \| `string` \| yes \| `pattern \^\\d\{4\}-\\d\{2\}-\\d\{2\}\$` \|/);
    assert.match(daily, /\| `groupBy` \| query \| `"exchange" \\\| "account" \\\| "symbol" \\\| "underlying" \\\| "kind"` \| no \|/);
    assert.match(daily, /makerVolumeUsd: number/);
    const add = committed.slice(committed.indexOf('\n### POST /api/v1/accounts\n'), committed.indexOf('\n### GET /api/v1/accounts/{id}\n'));
    assert.match(add, /Request body \(`application\/json`, required\)/);
    assert.match(add, /label: string \/\/ (pattern [^;]+; )?length 1 to 100/);
    assert.match(add, /validate\?: boolean/);
    assert.match(add, /\*\*201\*\* `application\/json`/);
    assert.match(add, /\*\*4XX\*\* `application\/json`: the \[error shape\]\(#errors\)/);
    assert.match(committed, /## Errors\n\nEvery 4XX and 5XX answer has this shape:\n\n```ts\n\{\n {2}error: \{\n {4}code: string\n {4}message: string\n {2}\}\n\}\n```/);
  });

  test('describes the event stream and the CSV files, which the OpenAPI document leaves blank', () => {
    const events = committed.slice(committed.indexOf('\n### GET /api/v1/events\n'), committed.indexOf('\n### GET /api/v1/export/daily.csv\n'));
    assert.match(events, /`text\/event-stream`/);
    for (const variant of ApiEventSchema.options) {
      const type = variant.shape.type.value;
      assert.ok(events.includes(`\`${type}\`:\n\n  \`\`\`ts\n  {\n    type: "${type}"\n`), `the "${type}" event has no schema in docs/api.md`);
    }
    const fills = committed.slice(committed.indexOf('\n### GET /api/v1/export/fills.csv\n'));
    assert.match(fills, /`text\/csv`, a header row and then these columns: `id`, `account_id`, `exchange`/);
  });

  test('a nullable field reads as a union and optional fields are marked', () => {
    const lastError = { anyOf: [{ type: 'object', properties: { code: { type: 'string' } }, required: ['code'] }, { type: 'null' }] };
    const account = { type: 'object', properties: { lastError, keyHint: { type: 'string' }, n: { type: ['integer', 'null'] } }, required: ['lastError', 'n'] };
    assert.equal(typeOf(account as never), '{\n  lastError: {\n    code: string\n  } | null\n  keyHint?: string\n  n: integer | null\n}');
  });
});
