/**
 * The REST face of the contract: one row per API method saying which HTTP verb and path carry it
 * and where its input fields travel (path, query string or JSON body). Every schema here is the
 * contract's own zod schema (or a query-string view of it), so validation, the OpenAPI document
 * and the service's types cannot drift apart. The `satisfies` clause makes adding a method to
 * API_METHODS without a route here a compile error.
 */
import { z } from 'zod';
import { API_METHODS, type ApiMethodName } from '../../src-shared/contract.ts';
import { DaySchema, IMPORT_CSV_MAX_BYTES } from '../../src-shared/schemas.ts';

export const API_PREFIX = '/api/v1';

export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below API_PREFIX, Fastify syntax (`/accounts/:id`). */
  path: string;
  /** Status of a successful answer (204 sends no body). */
  status: 200 | 201 | 202 | 204;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Reachable without the bearer token (only health). */
  public?: boolean;
  /** This route's own body limit in bytes, when it must take more than the app's small default. */
  bodyLimit?: number;
  summary: string;
}

/** A real calendar date: the contract's pattern check lets 2026-02-31 through. */
function isCalendarDay(value: string): boolean {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
const CalendarDaySchema = DaySchema.refine(isCalendarDay, 'not a calendar date; use YYYY-MM-DD, e.g. 2026-01-31');

function unwrapOptional(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  if (schema instanceof z.ZodOptional) return { inner: schema.unwrap() as z.ZodType, optional: true };
  return { inner: schema, optional: false };
}

/**
 * A query-string view of an object schema: query values arrive as strings, so booleans accept
 * `true`/`false` (and 1/0), numbers are coerced, and dates must be real calendar days.
 */
export function toQuerySchema(schema: z.ZodObject, keys?: readonly string[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (keys && !keys.includes(key)) continue;
    const { inner, optional } = unwrapOptional(field);
    let converted: z.ZodType = inner;
    if (inner instanceof z.ZodBoolean) converted = z.stringbool();
    else if (inner instanceof z.ZodNumber && !(inner._zod.def as { coerce?: boolean }).coerce) converted = z.coerce.number().pipe(inner);
    else if (inner === DaySchema) converted = CalendarDaySchema;
    shape[key] = optional ? converted.optional() : converted;
  }
  return z.object(shape);
}

/** The contract's input schema of a method, used as is for JSON bodies. */
const input = <K extends ApiMethodName>(name: K) => API_METHODS[name].input;

const IdParams = z.object({ id: z.string().min(1) });
const ExchangeParams = API_METHODS.setTarget.input.pick({ exchange: true });

export const REST_ROUTES = {
  health: { method: 'GET', path: '/health', status: 200, public: true, summary: 'Liveness and version' },
  listAccounts: { method: 'GET', path: '/accounts', status: 200, summary: 'All accounts' },
  addAccount: { method: 'POST', path: '/accounts', status: 201, body: input('addAccount'), summary: 'Add an exchange account (checks the credential with the exchange unless validate is false)' },
  getAccount: { method: 'GET', path: '/accounts/:id', status: 200, params: IdParams, summary: 'One account' },
  rotateCredentials: {
    method: 'POST',
    path: '/accounts/:id/credentials',
    status: 200,
    params: IdParams,
    body: API_METHODS.rotateCredentials.input.omit({ id: true }),
    summary: "Replace an account's API key in place (same exchange account; history kept)",
  },
  removeAccount: {
    method: 'DELETE',
    path: '/accounts/:id',
    status: 204,
    params: IdParams,
    query: toQuerySchema(input('removeAccount'), ['purge']),
    summary: 'Remove an account and its secret; purge=true also deletes its fills',
  },
  startSync: { method: 'POST', path: '/sync', status: 202, body: input('startSync'), summary: 'Start syncing accounts (default all)' },
  syncStatus: { method: 'GET', path: '/sync', status: 200, summary: 'Sync state of every account' },
  dailyVolume: { method: 'GET', path: '/volume/daily', status: 200, query: toQuerySchema(input('dailyVolume')), summary: 'Daily volume, dense and zero-filled, optionally grouped' },
  summary: {
    method: 'GET',
    path: '/volume/summary',
    status: 200,
    query: toQuerySchema(input('summary')),
    summary: 'Today, 7/14/30-day and all-time volume, overall and per exchange, with fees in tokens without a USD price listed apart',
  },
  listFills: { method: 'GET', path: '/fills', status: 200, query: toQuerySchema(input('listFills')), summary: 'Stored fills, newest first, paged by cursor' },
  reconciliation: {
    method: 'GET',
    path: '/volume/reconciliation',
    status: 200,
    query: toQuerySchema(input('reconciliation')),
    summary: "Our volume beside the exchange's own report, per account and day, with history gaps",
  },
  importFills: {
    method: 'POST',
    path: '/accounts/:id/import',
    status: 200,
    params: IdParams,
    body: API_METHODS.importFills.input.omit({ id: true }),
    // a CSV export is far bigger than the app's 64 KB JSON limit; JSON escaping adds a little
    bodyLimit: IMPORT_CSV_MAX_BYTES + 1024 * 1024,
    summary: "Import the exchange's own CSV trade-history export into an account (history the API no longer serves)",
  },
  listExchanges: {
    method: 'GET',
    path: '/exchanges',
    status: 200,
    summary: 'The exchanges Perpvol reads: the credentials each takes (form fields, help), its testnet, what history it keeps, whether its CSV export imports',
  },
  tiers: {
    method: 'GET',
    path: '/tiers',
    status: 200,
    summary: "Fee-tier standing per exchange: the window it counts, your volume over it, current and next tier, what rolls off each coming day",
  },
  listTargets: { method: 'GET', path: '/targets', status: 200, summary: 'Your volume target per exchange (over its fee-tier window)' },
  setTarget: {
    method: 'PUT',
    path: '/targets/:exchange',
    status: 200,
    params: ExchangeParams,
    body: API_METHODS.setTarget.input.omit({ exchange: true }),
    summary: 'Set (volumeUsd) or clear (volumeUsd: null) the volume target of one exchange',
  },
  costs: {
    method: 'GET',
    path: '/costs',
    status: 200,
    query: toQuerySchema(input('costs')),
    summary:
      'What your volume cost: fees per $1M, effective maker and taker rates against your tier, what each higher tier would have saved, ' +
      'per exchange, account or day (default: the last 30 UTC days, perpetuals)',
  },
} as const satisfies { [K in ApiMethodName]: RestRoute };

export type RestRoutes = typeof REST_ROUTES;

/** Query schemas shared by the CSV exports ("same filters as above"). */
export const DAILY_EXPORT_QUERY = REST_ROUTES.dailyVolume.query;
export const FILLS_EXPORT_QUERY = toQuerySchema(input('listFills'), ['accountId', 'from', 'to', 'kinds']);
