/**
 * `npm run docs:api`: writes docs/api.md from the OpenAPI document the server serves, built
 * in-process (no server started), after the hand-written introduction in build/api-docs-intro.md.
 * The two kinds of answer the document cannot describe are written from the code that produces
 * them: the event stream (its framing and the events' own zod schema) and the CSV exports (their
 * column lists).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ApiEventSchema } from '../src-shared/events.ts';
import { DAILY_CSV_COLUMNS, FILLS_CSV_COLUMNS } from '../src-shared/csv-rows.ts';
import { SSE_HEARTBEAT_MS } from '../src-main/server/event-stream.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import { fence, renderApiMarkdown, typeOf, type AnswerNotes } from './openapi-markdown.ts';

export const API_DOC_PATH = fileURLToPath(new URL('../docs/api.md', import.meta.url));
const INTRO_PATH = fileURLToPath(new URL('./api-docs-intro.md', import.meta.url));

type JsonSchema = Parameters<typeof typeOf>[0] & { oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; properties?: Record<string, { const?: unknown }> };

function eventNotes(): string[] {
  const schema = z.toJSONSchema(ApiEventSchema) as JsonSchema;
  const variants = (schema.oneOf ?? schema.anyOf ?? [schema]) as JsonSchema[];
  const lines = [
    '`text/event-stream`: one Server-Sent Event per change, `event: <type>` and `data: <JSON>` (the JSON carries',
    `its \`type\` too), and a comment line \`: heartbeat\` every ${SSE_HEARTBEAT_MS / 1000} s. The events, by \`type\`:`,
    '',
  ];
  for (const variant of variants) {
    lines.push(`\`${String(variant.properties?.type?.const)}\`:`, '', ...fence(typeOf(variant)), '');
  }
  return lines;
}

const csvNotes = (columns: readonly string[]): string[] => [
  `\`text/csv\`, a header row and then these columns: ${columns.map((c) => `\`${c}\``).join(', ')}.`,
  'USD amounts are exact 6-decimal strings; see [import.md, "Exporting"](import.md#exporting).',
];

/** docs/api.md as it should read now. */
export async function currentApiMarkdown(): Promise<string> {
  const notes: AnswerNotes = {
    'GET /api/v1/events': eventNotes(),
    'GET /api/v1/export/daily.csv': csvNotes(DAILY_CSV_COLUMNS),
    'GET /api/v1/export/fills.csv': csvNotes(FILLS_CSV_COLUMNS),
  };
  return renderApiMarkdown(await buildOpenApiDocument(), readFileSync(INTRO_PATH, 'utf8'), notes);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(API_DOC_PATH, await currentApiMarkdown());
  process.stdout.write(`wrote ${API_DOC_PATH}\n`);
}
