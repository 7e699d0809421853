/**
 * The self-check after a completed sync pass (the descriptor's selfCheck): each figure the exchange
 * reported beside our own sum under its descriptor's rule, and a `self_check` note for each that
 * differs beyond what the exchange's definition explains. Run by the sync engine only when the
 * pass fetched the exchange's figures just now: a streamed fill or an import between two passes
 * would compare an older figure with newer fills.
 */
import type { NoteOf } from '../../src-shared/account-notes.ts';
import { addDays, utcDay } from '../core/days.ts';
import { microsToDecimalString } from '../core/usd.ts';
import { unexplained, type SelfCheck } from '../connectors/kit/exchange-descriptor.ts';
import type { AccountRecord, ReportedVolumeRecord, Store } from '../store/store.ts';

type Note = NoteOf<'self_check'>;
type Account = Pick<AccountRecord, 'id' | 'exchange'>;

/** Every day the rollups can hold: a range query over them is a scan of this account's rows only. */
const ALL_DAYS = { from: '2000-01-01', to: '2199-12-31' };

/** Ours per UTC day over [from, to], in the check's kinds. */
export async function oursByDay(store: Store, accountId: string, check: Pick<SelfCheck, 'kinds'>, from: string, to: string): Promise<Map<string, bigint>> {
  const rows = await store.volume.daily({ from, to, accountId, kinds: [...check.kinds] }, 'none');
  const byDay = new Map<string, bigint>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0n) + row.volumeMicros);
  return byDay;
}

export async function oursOver(store: Store, accountId: string, check: Pick<SelfCheck, 'kinds'>, from: string, to: string): Promise<bigint> {
  let sum = 0n;
  for (const micros of (await oursByDay(store, accountId, check, from, to)).values()) sum += micros;
  return sum;
}

export async function selfCheckNotes(store: Store, account: Account, check: SelfCheck, reported: ReportedVolumeRecord): Promise<Note[]> {
  const state = await store.syncState.get(account.id);
  // A shortfall the account's notes already explain: the exchange no longer serves some of its history.
  const incomplete = (state?.historyLimitedBefore ?? null) !== null || (state?.historyGaps.length ?? 0) > 0;
  const notes: Note[] = [];
  for (const rule of check.figures) {
    const found =
      rule.figure === 'daily'
        ? await dailyNote(store, account, check, rule, reported, incomplete)
        : rule.figure === 'all_time'
          ? await allTimeNote(store, account, check, rule, reported, incomplete)
          : await windowNotes(store, account, check, rule, reported, incomplete);
    notes.push(...found);
  }
  return notes;
}

function note(account: Account, params: Omit<Note['params'], 'exchange' | 'reportedUsd' | 'countedUsd'>, theirs: bigint, ours: bigint): Note {
  return {
    code: 'self_check',
    params: { exchange: account.exchange, ...params, reportedUsd: microsToDecimalString(theirs), countedUsd: microsToDecimalString(ours) },
  };
}

type Rule = SelfCheck['figures'][number];

/** The last UTC day the exchange has certainly added up: the report's own day (and any before it the rule names) may still grow. */
function lastSettled(check: SelfCheck, reported: ReportedVolumeRecord): string {
  return addDays(utcDay(reported.asOf), -(check.settlingDays ?? 1));
}

async function dailyNote(store: Store, account: Account, check: SelfCheck, rule: Rule, reported: ReportedVolumeRecord, incomplete: boolean): Promise<Note[]> {
  const settledTo = lastSettled(check, reported);
  const days = reported.daily.filter((d) => d.day <= settledTo).sort((a, b) => a.day.localeCompare(b.day));
  if (days.length === 0) return [];
  const ours = await oursByDay(store, account.id, check, days[0]!.day, days[days.length - 1]!.day);
  const off = days.filter((d) => {
    const mine = ours.get(d.day) ?? 0n;
    return unexplained(rule, check.toleranceMicros, d.volumeMicros, { settled: mine, all: mine }, incomplete);
  });
  if (off.length === 0) return [];
  const theirs = off.reduce((sum, d) => sum + d.volumeMicros, 0n);
  const counted = off.reduce((sum, d) => sum + (ours.get(d.day) ?? 0n), 0n);
  return [note(account, { figure: 'daily', label: reported.dailyLabel, from: off[0]!.day, to: off[off.length - 1]!.day, days: off.length }, theirs, counted)];
}

async function allTimeNote(store: Store, account: Account, check: SelfCheck, rule: Rule, reported: ReportedVolumeRecord, incomplete: boolean): Promise<Note[]> {
  if (reported.allTimeMicros === null) return [];
  const all = await oursOver(store, account.id, check, ALL_DAYS.from, ALL_DAYS.to);
  const settled = all - (await oursOver(store, account.id, check, addDays(lastSettled(check, reported), 1), ALL_DAYS.to));
  if (!unexplained(rule, check.toleranceMicros, reported.allTimeMicros, { settled, all }, incomplete)) return [];
  return [note(account, { figure: 'all_time', label: null, from: null, to: null, days: null }, reported.allTimeMicros, settled)];
}

/** Each window figure against ours over the same UTC days, under every reading of where it ends; one reading that explains it is enough. */
async function windowNotes(store: Store, account: Account, check: SelfCheck, rule: Rule, reported: ReportedVolumeRecord, incomplete: boolean): Promise<Note[]> {
  const notes: Note[] = [];
  for (const window of reported.windows) {
    const readings = await Promise.all(
      (check.windowEnds ?? [0]).map(async (end) => {
        const to = addDays(utcDay(reported.asOf), -end);
        const from = addDays(to, -(window.days - 1));
        const settledTo = lastSettled(check, reported) < to ? lastSettled(check, reported) : to;
        const ours = { settled: await oursOver(store, account.id, check, from, settledTo), all: await oursOver(store, account.id, check, from, to) };
        return { from, to: settledTo, ours };
      }),
    );
    if (readings.length === 0 || !readings.every((r) => unexplained(rule, check.toleranceMicros, window.volumeMicros, r.ours, incomplete))) continue;
    // the days compared: the window's, up to the last the exchange has certainly added up
    const first = readings[0]!;
    notes.push(note(account, { figure: 'window', label: window.label, from: first.from, to: first.to, days: window.days }, window.volumeMicros, first.ours.settled));
  }
  return notes;
}
