/**
 * What an account carries beside its numbers — its warnings — as typed values: a code and the
 * facts it needs (docs/architecture-write-path.md lists every code, its parameters and its words).
 * The core stores and replaces notes by code, never by their words; words are made at the edge by
 * one renderer (src-main/sync/note-words.ts), and the API serves both: `Account.warnings` (the
 * words) and `Account.notes` (code, parameters and the same words), so a face can group them.
 */
import { z } from 'zod';
import { ACCOUNT_NOTE_CODES, DaySchema, ExchangeIdSchema } from './schemas.ts';

/** How far back an exchange serves fills: its N most recent, its last N years, or some unstated limit. */
export const HistoryLimitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recent_fills'), fills: z.number().int().positive() }),
  z.object({ kind: z.literal('years'), years: z.number().int().positive() }),
  z.object({ kind: z.literal('unknown') }),
]);
export type HistoryLimit = z.infer<typeof HistoryLimitSchema>;

/** A USD amount as an exact decimal string ("1234.567891"); words round it down to cents. */
const UsdSchema = z.string().regex(/^-?\d+(\.\d+)?$/);
const IsoTimeSchema = z.string().datetime({ offset: true });

/** Which notes a recomputation replaces together (`key` notes are replaced only when the key is). */
export const NOTE_FAMILIES = ['key', 'history_limited', 'history_unproven', 'counting', 'history_gap', 'credential_expiry', 'self_check'] as const;
export type NoteFamily = (typeof NOTE_FAMILIES)[number];

export const StoredNoteSchema = z.discriminatedUnion('code', [
  /** The exchange does not serve the account's older fills. */
  z.object({
    code: z.literal('history_limited'),
    params: z.object({ exchange: ExchangeIdSchema, before: DaySchema, limit: HistoryLimitSchema, importable: z.boolean() }),
  }),
  /** A stretch of history the sync could not prove complete (the connector's own words in `detail`). */
  z.object({
    code: z.literal('history_unproven'),
    params: z.object({ exchange: ExchangeIdSchema, from: IsoTimeSchema, to: IsoTimeSchema, detail: z.string() }),
  }),
  /** Fills the exchange stopped serving between two syncs; `reportedUsd` null where its daily figures do not reach. */
  z.object({
    code: z.literal('history_gap'),
    params: z.object({
      exchange: ExchangeIdSchema,
      from: IsoTimeSchema,
      to: IsoTimeSchema,
      cause: HistoryLimitSchema,
      reportedUsd: UsdSchema.nullable(),
      reportedLabel: z.string().nullable(),
      countedUsd: UsdSchema,
      /** Where the exchange's trade-history export is; null: Perpvol cannot import one. */
      exportPath: z.string().nullable(),
    }),
  }),
  /**
   * The exchange's own figure for what Perpvol counts differs from ours beyond what its definition
   * explains (the self-check its descriptor declares, run after every completed sync pass): ours
   * above a figure that already counts more (a fill counted twice or in the wrong market), or below
   * one that counts exactly the same (fills missing). `from`/`to` null: all time.
   */
  z.object({
    code: z.literal('self_check'),
    params: z.object({
      exchange: ExchangeIdSchema,
      figure: z.enum(['daily', 'all_time', 'window']),
      /** What the exchange's figure counts, in its terms; null: the same as ours. */
      label: z.string().nullable(),
      from: DaySchema.nullable(),
      to: DaySchema.nullable(),
      /** For daily figures, how many days differ (the amounts are summed over them); else the window's length or null. */
      days: z.number().int().positive().nullable(),
      reportedUsd: UsdSchema,
      countedUsd: UsdSchema,
    }),
  }),
  /** Executions no rule classified: kept aside, not volume. */
  z.object({
    code: z.literal('unclassified_executions'),
    params: z.object({ types: z.array(z.object({ rawType: z.string(), count: z.number().int().positive() })).min(1) }),
  }),
  /** Fees in tokens without a USD price: listed, never counted as $0. */
  z.object({
    code: z.literal('unpriced_fees'),
    params: z.object({ fees: z.array(z.object({ currency: z.string(), amount: z.string(), fills: z.number().int().nonnegative() })).min(1) }),
  }),
  /** The credential stops (or stopped) working on a known date; made when the account is shown, never stored. */
  z.object({
    code: z.literal('credential_expiry'),
    params: z.object({
      exchange: ExchangeIdSchema,
      expiresAt: IsoTimeSchema,
      /** Whole days left; null once it has expired. */
      daysLeft: z.number().int().nonnegative().nullable(),
      credential: z.string(),
      /** How to make the next one (the exchange's menus). */
      renewal: z.string(),
    }),
  }),
  /** The key can move funds; Perpvol only reads. */
  z.object({ code: z.literal('key_can_withdraw'), params: z.object({}) }),
  /** The key was stored without asking the exchange about it. */
  z.object({ code: z.literal('key_not_checked'), params: z.object({ when: z.enum(['added', 'replaced']) }) }),
  /** What the exchange's key check reported, in the connector's words. */
  z.object({ code: z.literal('exchange_notice'), params: z.object({ text: z.string() }) }),
  /** A warning an earlier version stored as words; `family` says which recomputation supersedes it. */
  z.object({ code: z.literal('legacy_text'), params: z.object({ text: z.string(), family: z.enum(NOTE_FAMILIES) }) }),
]);
export type AccountNote = z.infer<typeof StoredNoteSchema>;
export type NoteCode = AccountNote['code'];
export type NoteOf<C extends NoteCode> = Extract<AccountNote, { code: C }>;

/** The API's code list (schemas.ts, where Account.notes is declared) names exactly these codes. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const codesAgree: Same<NoteCode, (typeof ACCOUNT_NOTE_CODES)[number]> = true;
void codesAgree;

export function noteFamily(note: AccountNote): NoteFamily {
  switch (note.code) {
    case 'history_limited':
    case 'history_unproven':
    case 'history_gap':
    case 'credential_expiry':
    case 'self_check':
      return note.code;
    case 'unclassified_executions':
    case 'unpriced_fees':
      return 'counting';
    case 'key_can_withdraw':
    case 'key_not_checked':
    case 'exchange_notice':
      return 'key';
    case 'legacy_text':
      return note.params.family;
  }
}
