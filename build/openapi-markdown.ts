/**
 * docs/api.md from the server's OpenAPI document: the endpoint list, then per endpoint its
 * parameters, request body and answers, each schema written as a TypeScript-like type with its
 * constraints (patterns, lengths, ranges, formats) as comments, and the error shape once.
 *
 * Hand-written because no OpenAPI-to-Markdown package fits: @scalar/openapi-to-markdown needs
 * Node ≥ 22.19 (our engines admit 20), widdershins reads OpenAPI 3.0 only and pins long-outdated
 * dependencies, and openapi-to-md writes `anyOf` as an intersection (`Partial(A) & Partial(B)`),
 * which misstates every nullable field of ours, and marked required account fields optional and
 * optional ones required when tried on this document. The output depends only on the document, so the
 * test that regenerates it in memory can tell when the committed file is stale.
 */
import type { OpenAPIV3_1 } from 'openapi-types';

type Schema = OpenAPIV3_1.SchemaObject & { propertyNames?: Schema; const?: unknown };
type Operation = OpenAPIV3_1.OperationObject;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** zod writes integer bounds as the safe-integer range: no constraint a reader needs to see. */
const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

interface Endpoint {
  method: string;
  path: string;
  operation: Operation;
}

export function endpointsOf(document: OpenAPIV3_1.Document): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation) endpoints.push({ method: method.toUpperCase(), path, operation });
    }
  }
  return endpoints;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function constraintsOf(schema: Schema): string[] {
  const notes: string[] = [];
  const s = schema as Schema & Record<string, unknown>;
  if (typeof s.format === 'string') notes.push(`format ${s.format}`);
  if (typeof s.pattern === 'string') notes.push(`pattern ${s.pattern}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) notes.push(`length ${range(s.minLength, s.maxLength)}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) notes.push(`items ${range(s.minItems, s.maxItems)}`);
  const min = s.minimum === -SAFE_INTEGER ? undefined : s.minimum;
  const max = s.maximum === SAFE_INTEGER ? undefined : s.maximum;
  if (typeof s.exclusiveMinimum === 'number') notes.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === 'number') notes.push(`< ${s.exclusiveMaximum}`);
  if (min !== undefined || max !== undefined) notes.push(`range ${range(min, max)}`);
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  for (const variant of [...(s.anyOf ?? []), ...(s.oneOf ?? [])] as Schema[]) notes.push(...constraintsOf(variant));
  return [...new Set(notes)];
}

function range(min: unknown, max: unknown): string {
  if (min !== undefined && max !== undefined) return min === max ? `${String(min)}` : `${String(min)} to ${String(max)}`;
  return min !== undefined ? `at least ${String(min)}` : `at most ${String(max)}`;
}

const pad = (depth: number) => '  '.repeat(depth);

/** A schema as a TypeScript-like type; objects span lines, indented to `depth`. */
export function typeOf(schema: Schema | undefined, depth = 0): string {
  if (!schema || Object.keys(schema).length === 0) return 'unknown';
  const s = schema as Schema & { $ref?: string };
  if (s.$ref) return s.$ref.split('/').pop() ?? s.$ref;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (s.anyOf || s.oneOf) return ((s.anyOf ?? s.oneOf) as Schema[]).map((v) => typeOf(v, depth)).join(' | ');
  if (s.allOf) return (s.allOf as Schema[]).map((v) => typeOf(v, depth)).join(' & ');
  if (Array.isArray(s.type)) return s.type.map((type) => typeOf({ ...s, type } as Schema, depth)).join(' | ');
  switch (s.type) {
    case 'object':
      return objectType(s, depth);
    case 'array': {
      const item = typeOf(s.items as Schema | undefined, depth);
      return /^[\w"]+$/.test(item) || item.startsWith('{') ? `${item}[]` : `Array<${item}>`;
    }
    case undefined:
      return 'unknown';
    default:
      return s.type;
  }
}

function objectType(s: Schema, depth: number): string {
  const properties = Object.entries((s.properties ?? {}) as Record<string, Schema>);
  const required = new Set(s.required ?? []);
  const lines: string[] = [];
  for (const [name, property] of properties) {
    const notes = constraintsOf(property);
    const comment = notes.length > 0 ? ` // ${notes.join('; ')}` : '';
    lines.push(`${pad(depth + 1)}${name}${required.has(name) ? '' : '?'}: ${typeOf(property, depth + 1)}${comment}`);
  }
  const extra = s.additionalProperties;
  if (extra && typeof extra === 'object') {
    const keys = s.propertyNames?.enum;
    const key = keys ? `[key in ${keys.map((k) => JSON.stringify(k)).join(' | ')}]?` : '[key: string]';
    lines.push(`${pad(depth + 1)}${key}: ${typeOf(extra as Schema, depth + 1)}`);
  }
  if (lines.length === 0) return extra === false ? '{}' : '{ [key: string]: unknown }';
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}

export const fence = (type: string) => ['```ts', type, '```'];
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n\s*/g, ' ');

function jsonSchemaOf(content: OpenAPIV3_1.ResponseObject['content'] | undefined): { mediaType: string; schema: Schema | undefined } | undefined {
  const [mediaType, media] = Object.entries(content ?? {})[0] ?? [];
  return mediaType ? { mediaType, schema: media?.schema as Schema | undefined } : undefined;
}

const isPublic = (operation: Operation) => Array.isArray(operation.security) && operation.security.length === 0;

/**
 * What the document cannot say about an answer that is not JSON (a Server-Sent Events stream, a
 * CSV file), keyed by "METHOD /path", as Markdown lines written from the code that produces it.
 */
export type AnswerNotes = Record<string, string[]>;

function renderOperation({ method, path, operation }: Endpoint, errorType: string | undefined, notes: AnswerNotes): string[] {
  const out = [`### ${method} ${path}`, '', `${operation.summary ?? ''}`, ''];
  out.push(`Operation \`${operation.operationId ?? '-'}\` · ${isPublic(operation) ? 'no token needed' : 'bearer token'}`, '');
  const parameters = (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  if (parameters.length > 0) {
    out.push('| parameter | in | type | required | constraints |', '|---|---|---|---|---|');
    const order = { path: 0, query: 1, header: 2, cookie: 3 } as Record<string, number>;
    for (const p of [...parameters].sort((a, b) => (order[a.in] ?? 9) - (order[b.in] ?? 9))) {
      const schema = p.schema as Schema | undefined;
      const notes = schema ? constraintsOf(schema) : [];
      out.push(`| \`${p.name}\` | ${p.in} | \`${cell(typeOf(schema))}\` | ${p.required ? 'yes' : 'no'} | ${cell(notes.map((note) => `\`${note}\``).join('; '))} |`);
    }
    out.push('');
  }
  const body = operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
  const bodySchema = jsonSchemaOf(body?.content);
  if (bodySchema) {
    out.push(`Request body (\`${bodySchema.mediaType}\`${body?.required ? ', required' : ''}):`, '', ...fence(typeOf(bodySchema.schema)), '');
  }
  out.push('Answers:', '');
  for (const [status, answer] of Object.entries(operation.responses ?? {}) as [string, OpenAPIV3_1.ResponseObject][]) {
    const media = jsonSchemaOf(answer.content);
    if (!media) {
      const note = notes[`${method} ${path}`];
      if (note && status.startsWith('2')) out.push(`- **${status}**:`, '', ...note.join('\n').split('\n').map((line) => (line === '' ? '' : `  ${line}`)), '');
      else out.push(`- **${status}** ${answer.description === 'Default Response' ? '(body not described by the document)' : answer.description}`);
      continue;
    }
    const type = typeOf(media.schema);
    if (type === errorType) {
      out.push(`- **${status}** \`${media.mediaType}\`: the [error shape](#errors)`);
      continue;
    }
    const indented = fence(type).join('\n').split('\n').map((line) => (line === '' ? '' : `  ${line}`));
    out.push(`- **${status}** \`${media.mediaType}\`:`, '', ...indented, '');
  }
  out.push('');
  return out;
}

/** The type every 4XX answer has: the error shape, written once. */
function commonErrorType(endpoints: Endpoint[]): string | undefined {
  for (const { operation } of endpoints) {
    const answer = operation.responses?.['4XX'] as OpenAPIV3_1.ResponseObject | undefined;
    const media = jsonSchemaOf(answer?.content);
    if (media) return typeOf(media.schema);
  }
  return undefined;
}

/** The whole page: `intro` (hand-written Markdown) first, then everything the document says. */
export function renderApiMarkdown(document: OpenAPIV3_1.Document, intro: string, notes: AnswerNotes = {}): string {
  const endpoints = endpointsOf(document);
  const errorType = commonErrorType(endpoints);
  const out: string[] = [
    '<!-- Generated by `npm run docs:api` from the OpenAPI document the server serves (GET /api/v1/openapi.json)',
    '     and build/api-docs-intro.md. Do not edit by hand: test/build/api-docs.test.ts fails when this file is stale. -->',
    '',
    intro.trim(),
    '',
    '## Endpoints',
    '',
    `${document.info.title}. ${document.info.description ?? ''}`.trim(),
    '',
    '| method | path | token | what |',
    '|---|---|---|---|',
  ];
  for (const endpoint of endpoints) {
    const anchor = headingAnchor(`${endpoint.method} ${endpoint.path}`);
    out.push(`| ${endpoint.method} | [\`${endpoint.path}\`](#${anchor}) | ${isPublic(endpoint.operation) ? 'no' : 'yes'} | ${cell(endpoint.operation.summary ?? '')} |`);
  }
  out.push('');
  const schemes = Object.entries(document.components?.securitySchemes ?? {}) as [string, OpenAPIV3_1.HttpSecurityScheme][];
  if (schemes.length > 0) {
    out.push('## Authentication', '');
    for (const [name, scheme] of schemes) out.push(`- \`${name}\`: HTTP \`${scheme.scheme}\` — send \`Authorization: Bearer <token>\` on every route marked "token: yes".`);
    out.push('');
  }
  if (errorType) out.push('## Errors', '', 'Every 4XX and 5XX answer has this shape:', '', ...fence(errorType), '');
  out.push('## Each endpoint', '');
  for (const endpoint of endpoints) out.push(...renderOperation(endpoint, errorType, notes));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
