/**
 * GET /v1/fills as Paradex serves it (https://docs.paradex.trade/api/prod/account/list-fills):
 * query `market`, `asset_kind` (PERP | PERP_OPTION | OPTION | SPOT), `start_at` / `end_at` (ms,
 * both inclusive here), `page_size` (default 100, maximum 5000 in the API spec), `cursor` (the
 * `next` of the previous page); answer `{next, prev, results}`, newest first, `next` null when
 * nothing is left.
 *
 * The spec's maximum is a number in an OpenAPI file, not a promise about every deployment: the
 * `maxPageSize` / `overMaxPageSize` switches play a server whose limit is lower and that either
 * refuses a larger page_size (400) or silently serves fewer rows.
 */
import type { SimFillRow } from './sim-history.ts';

export const SIM_DEFAULT_PAGE_SIZE = 100;
/** `page_size` "minimum 1, maximum 5000, default 100" (openapi.json, GET /fills). */
export const SIM_DOCUMENTED_MAX_PAGE_SIZE = 5000;

const ASSET_KINDS = new Set(['PERP', 'PERP_OPTION', 'OPTION', 'SPOT']);

export interface FillsAnswer {
  status: number;
  body: unknown;
}

export interface FillsBehaviour {
  /** Start each next page with the last row of the previous one again (an API repeating a boundary row). */
  duplicateAcrossPages: boolean;
  /** Ignore `asset_kind`, listing option fills as well (the connector must filter them itself). */
  ignoreAssetKind: boolean;
  /** The largest page_size this server serves. */
  maxPageSize: number;
  /** A larger page_size is refused with 400, or served as if it were `maxPageSize`. */
  overMaxPageSize: 'reject' | 'cap';
}

interface Marker {
  t: number;
  q: number;
}

function badParameter(message: string): FillsAnswer {
  return { status: 400, body: { error: 'INVALID_REQUEST_PARAMETER', message } };
}

function optionalInt(params: URLSearchParams, name: string): number | null | 'invalid' {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  return /^\d+$/.test(raw) ? Number(raw) : 'invalid';
}

function encodeMarker(marker: Marker): string {
  return Buffer.from(JSON.stringify({ marker })).toString('base64');
}

function decodeMarker(cursor: string): Marker | null {
  try {
    const { marker } = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { marker?: Marker };
    return marker && Number.isInteger(marker.t) && Number.isInteger(marker.q) ? marker : null;
  } catch {
    return null;
  }
}

/** Whether `row` lies after `marker` in newest-first order. */
function isAfter(row: SimFillRow, marker: Marker): boolean {
  return row.created_at < marker.t || (row.created_at === marker.t && row.seq < marker.q);
}

export function listFills(sortedRows: SimFillRow[], params: URLSearchParams, behaviour: FillsBehaviour): FillsAnswer {
  const startAt = optionalInt(params, 'start_at');
  const endAt = optionalInt(params, 'end_at');
  const pageSizeParam = optionalInt(params, 'page_size');
  if (startAt === 'invalid' || endAt === 'invalid' || pageSizeParam === 'invalid') {
    return badParameter('start_at, end_at and page_size must be integers');
  }
  const asked = pageSizeParam ?? SIM_DEFAULT_PAGE_SIZE;
  if (asked < 1 || (asked > behaviour.maxPageSize && behaviour.overMaxPageSize === 'reject')) {
    return badParameter(`page_size must be between 1 and ${behaviour.maxPageSize}`);
  }
  const pageSize = Math.min(asked, behaviour.maxPageSize);
  const assetKind = params.get('asset_kind');
  if (assetKind && !ASSET_KINDS.has(assetKind)) return badParameter(`invalid asset_kind ${assetKind}`);
  const cursor = params.get('cursor');
  const marker = cursor ? decodeMarker(cursor) : null;
  if (cursor && !marker) return badParameter('invalid cursor');
  const market = params.get('market');

  const matching = sortedRows.filter(
    (row) =>
      (!market || row.market === market) &&
      (!assetKind || behaviour.ignoreAssetKind || row.assetKind === assetKind) &&
      (startAt === null || row.created_at >= startAt) &&
      (endAt === null || row.created_at <= endAt),
  );
  let from = marker ? matching.findIndex((row) => isAfter(row, marker)) : 0;
  if (from === -1) from = matching.length;
  if (marker && behaviour.duplicateAcrossPages && from > 0) from -= 1;
  const page = matching.slice(from, from + pageSize);
  const last = page[page.length - 1];
  const more = last !== undefined && from + page.length < matching.length;
  return {
    status: 200,
    body: {
      next: more ? encodeMarker({ t: last.created_at, q: last.seq }) : null,
      prev: marker ? encodeMarker({ t: page[0]?.created_at ?? marker.t, q: (page[0]?.seq ?? marker.q) + 1 }) : null,
      results: page.map(({ seq: _seq, assetKind: _kind, ...row }) => row),
    },
  };
}
