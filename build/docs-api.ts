/**
 * `npm run docs:api`: writes docs/api.md from the OpenAPI document the server serves, built
 * in-process (no server started), after the hand-written introduction in build/api-docs-intro.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './openapi-document.ts';
import { renderApiMarkdown } from './openapi-markdown.ts';

export const API_DOC_PATH = fileURLToPath(new URL('../docs/api.md', import.meta.url));
const INTRO_PATH = fileURLToPath(new URL('./api-docs-intro.md', import.meta.url));

/** docs/api.md as it should read now. */
export async function currentApiMarkdown(): Promise<string> {
  return renderApiMarkdown(await buildOpenApiDocument(), readFileSync(INTRO_PATH, 'utf8'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(API_DOC_PATH, await currentApiMarkdown());
  process.stdout.write(`wrote ${API_DOC_PATH}\n`);
}
