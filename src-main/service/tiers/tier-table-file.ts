/**
 * The tier tables in force: Perpvol's shipped ones, each replaced by the user's own when
 * `tier-tables.json` in the data folder has an entry for that exchange. A file that cannot be
 * used is reported (code and message naming the file, the entry and what to write) and the
 * shipped tables stay in force: one typo must not take the whole answer down.
 */
import { readFile } from 'node:fs/promises';
import type { ErrorInfo } from '../../../src-shared/schemas.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import { exchanges } from '../../connectors/registry.ts';
import { SHIPPED_TIER_TABLES } from './shipped-tier-tables.ts';
import { TierTablesSchema, type TierTable } from './tier-table-schema.ts';

export const TIER_TABLE_FILE_NAME = 'tier-tables.json';

export interface TierTablesInForce {
  tables: Record<ExchangeId, TierTable & { fromFile: boolean }>;
  /** Why the user's file was not used; null when it was used or there is none. */
  error: ErrorInfo | null;
}

function shipped(): TierTablesInForce['tables'] {
  const out = {} as TierTablesInForce['tables'];
  for (const [exchange, table] of Object.entries(SHIPPED_TIER_TABLES) as [ExchangeId, TierTable][]) {
    out[exchange] = { ...table, tiers: table.tiers.map((tier) => ({ ...tier })), fromFile: false };
  }
  return out;
}

function invalid(path: string, what: string): ErrorInfo {
  return {
    code: 'tier_table_invalid',
    message: `Your tier table ${path} ${what}. Perpvol uses its own tables until you fix the file or delete it (docs/fee-tiers.md, "The tier tables and your own").`,
  };
}

/** Reads `path` (absent is fine) over the shipped tables; never throws for a bad file. */
export async function loadTierTables(path: string | null): Promise<TierTablesInForce> {
  const tables = shipped();
  if (path === null) return { tables, error: null };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tables, error: null };
    return { tables, error: invalid(path, `cannot be read (${(error as Error).message})`) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { tables, error: invalid(path, `is not valid JSON (${(error as Error).message})`) };
  }
  const parsed = TierTablesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    const known = issue.code === 'unrecognized_keys' || (issue.path.length === 1 && issue.code === 'invalid_key') ? ` (exchanges are ${exchanges.ids().join(', ')})` : '';
    return { tables, error: invalid(path, `has a problem at ${where}: ${issue.message}${known}`) };
  }
  for (const [exchange, table] of Object.entries(parsed.data) as [ExchangeId, TierTable][]) {
    tables[exchange] = { ...table, fromFile: true };
  }
  return { tables, error: null };
}
