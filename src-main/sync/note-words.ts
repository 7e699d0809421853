/**
 * The one place an account's notes (src-shared/account-notes.ts) become words: the API's
 * `Account.warnings` and each note's `message` are made here, when an account is shown, and nothing
 * in Perpvol reads these words back. Rewording a sentence here changes what a person reads and
 * nothing else.
 */
import type { AccountNote, HistoryLimit, NoteOf } from '../../src-shared/account-notes.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges, type ExchangeRegistry } from '../connectors/registry.ts';

/** An exchange's name as its descriptor gives it (its id, for one the registry does not list). */
type NameOf = (exchange: ExchangeId) => string;

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const inWords = (n: number): string => NUMBER_WORDS[n] ?? count(n);
/** "2026-12-10 12:00 UTC" from an ISO time. */
const minute = (iso: string): string => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const day = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

/** "$1,234.56" from an exact decimal string, cut (not rounded) to cents as the exchange's own pages show. */
function usd(decimal: string): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return `$${BigInt(whole).toLocaleString('en-US')}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** Exact micro-dollars of a non-negative decimal string, to compare two amounts. */
function micros(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

function servesOnly(limit: HistoryLimit): string {
  switch (limit.kind) {
    case 'recent_fills':
      return `serves only your ${count(limit.fills)} most recent fills`;
    case 'years':
      return limit.years === 1 ? 'serves only the last year of fills' : `serves only the last ${inWords(limit.years)} years of fills`;
    case 'unknown':
      return 'does not serve your older fills';
  }
}

function historyLimited({ params: p }: NoteOf<'history_limited'>, nameOf: NameOf): string {
  // a count cap certainly cut fills; a time horizon only did if the account traded that long ago
  const missing = p.limit.kind === 'recent_fills' ? `fills before ${p.before} are missing` : `if you traded before ${p.before}, those fills are missing`;
  const remedy = p.importable ? "import the exchange's CSV export to fill the gap" : 'Perpvol cannot import its export, so they cannot be counted';
  return `${nameOf(p.exchange)} ${servesOnly(p.limit)}; ${missing} — ${remedy}`;
}

function historyUnproven({ params: p }: NoteOf<'history_unproven'>, nameOf: NameOf): string {
  const when = p.from === p.to ? p.from : `${p.from} – ${p.to}`;
  return `${nameOf(p.exchange)} history at ${when} may be incomplete: ${p.detail}`;
}

function historyGap({ params: p }: NoteOf<'history_gap'>, nameOf: NameOf): string {
  const name = nameOf(p.exchange);
  const why =
    p.cause.kind === 'recent_fills'
      ? `more than ${count(p.cause.fills)} fills happened since the sync before, and ${name} serves only the ${count(p.cause.fills)} most recent`
      : `${name} no longer serves them`;
  const days = day(p.from) === day(p.to) ? day(p.from) : `${day(p.from)} to ${day(p.to)}`;
  const theirs =
    p.reportedUsd === null
      ? `${name}'s own daily figures do not reach back to ${days}; compare the all-time figures in "Ours vs the exchange".`
      : `${p.reportedLabel ?? `${name}'s own volume`} for ${days}: ${usd(p.reportedUsd)}; Perpvol counts ${usd(p.countedUsd)} of perpetuals there.`;
  const fix = p.exportPath
    ? `Import ${name}'s trade-history CSV export (${p.exportPath}) into this account to fill the gap (perpvol import, or "Import CSV export…").`
    : `Those fills cannot be counted.`;
  return `${name} fills between ${minute(p.from)} and ${minute(p.to)} were pushed out of reach between two syncs: ${why}. ${theirs} ${fix}`;
}

function selfCheck({ params: p }: NoteOf<'self_check'>, nameOf: NameOf): string {
  const name = nameOf(p.exchange);
  const figure = p.figure === 'all_time' ? 'all-time volume' : p.figure === 'window' ? `${p.days ?? ''}-day volume`.trimStart() : 'daily volume';
  const span =
    p.from === null || p.to === null
      ? 'all time'
      : p.figure === 'daily' && p.days !== null && p.days > 1
        ? `${plural(p.days, 'day')} between ${p.from} and ${p.to}`
        : p.from === p.to
          ? p.from
          : `${p.from} to ${p.to}`;
  const theirs = p.label ? `${p.label} — ${usd(p.reportedUsd)} for ${span}` : `${name}'s own ${figure} is ${usd(p.reportedUsd)} for ${span}`;
  return micros(p.countedUsd) > micros(p.reportedUsd)
    ? `${theirs}. Perpvol counts ${usd(p.countedUsd)} there, more than the exchange's own figure can hold: a fill may be counted twice or under the wrong market. Sync again; if it stays, report it.`
    : `${theirs}. Perpvol counts ${usd(p.countedUsd)} there: fills may be missing. Sync again; if it stays, import the exchange's export or report it.`;
}

function unclassified({ params: p }: NoteOf<'unclassified_executions'>): string {
  const total = p.types.reduce((sum, t) => sum + t.count, 0);
  const types = p.types.map((t) => `${t.rawType || 'no type'} ×${count(t.count)}`).join(', ');
  const [its, they] = total === 1 ? ['its', 'it is'] : ['their', 'they are'];
  return `${plural(total, 'execution')} not counted in volume: Perpvol does not know ${its} type (${types}); ${they} kept aside. Update Perpvol, and report this if it stays.`;
}

function unpriced({ params: p }: NoteOf<'unpriced_fees'>): string {
  const list = p.fees.map((f) => `${f.amount} ${f.currency} over ${plural(f.fills, 'fill')}`).join('; ');
  return `Fees in tokens Perpvol cannot price in USD are listed, not counted as $0 (all time, perpetuals and dated futures): ${list}.`;
}

function credentialExpiry({ params: p }: NoteOf<'credential_expiry'>, nameOf: NameOf): string {
  const what = `The ${nameOf(p.exchange)} ${p.credential}`;
  if (p.daysLeft === null) return `${what} expired on ${minute(p.expiresAt)}; this account no longer syncs. ${p.renewal}. Its history is kept.`;
  const left = p.daysLeft >= 1 ? `in ${plural(p.daysLeft, 'day')}` : 'within a day';
  return `${what} expires on ${minute(p.expiresAt)} (${left}); after that this account stops syncing. ${p.renewal} before then.`;
}

/** The words of one note. */
export function noteWords(note: AccountNote, registry: ExchangeRegistry = exchanges): string {
  const nameOf: NameOf = (exchange) => registry.find(exchange)?.info.label ?? exchange;
  switch (note.code) {
    case 'history_limited':
      return historyLimited(note, nameOf);
    case 'history_unproven':
      return historyUnproven(note, nameOf);
    case 'history_gap':
      return historyGap(note, nameOf);
    case 'unclassified_executions':
      return unclassified(note);
    case 'unpriced_fees':
      return unpriced(note);
    case 'credential_expiry':
      return credentialExpiry(note, nameOf);
    case 'self_check':
      return selfCheck(note, nameOf);
    case 'key_can_withdraw':
      return 'This API key can withdraw or transfer funds. Perpvol only reads; replace it with a read-only key.';
    case 'key_not_checked':
      return `The key was not checked with the exchange when it was ${note.params.when}.`;
    case 'exchange_notice':
    case 'legacy_text':
      return note.params.text;
  }
}
