/**
 * Fee tiers at risk, in words, from the API's own Tiers shape. Pure (no Electron, no clock), so
 * what the notification and the tray say is unit-tested to the letter.
 */
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { Tiers } from '../../src-shared/tier-schemas.ts';
import { formatUsdCompact, inRegistryOrder } from './tray-menu.ts';

export interface TierAtRisk {
  exchange: ExchangeId;
  /** The exchange's name, as its registry labels it. */
  label: string;
  tierName: string;
  /** The day the window no longer holds the tier without trades. */
  date: string;
  shortfallUsd: number;
  perDayUsd: number;
}

/** Every exchange whose tier roll-off takes below its threshold within 48 hours, in the registry's order. */
export function tiersAtRisk(tiers: Tiers | null, exchanges: ExchangeRegistry = appExchanges): TierAtRisk[] {
  if (!tiers) return [];
  return inRegistryOrder(Object.keys(tiers.exchanges) as ExchangeId[], exchanges).flatMap((exchange) => {
    const risk = tiers.exchanges[exchange]?.atRisk;
    return risk ? [{ exchange, label: exchanges.label(exchange), tierName: risk.tierName, date: risk.date, shortfallUsd: risk.shortfallUsd, perDayUsd: risk.perDayUsd }] : [];
  });
}

/** "Tue, Dec 3" — the day is a UTC day, and says so nowhere else, so never shift it by time zone. */
export function formatRiskDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** The key a warning is remembered by: the same risk is told once, a new one (another day, tier) again. */
export function riskKey(risk: TierAtRisk): string {
  return `${risk.exchange}|${risk.tierName}|${risk.date}`;
}

export function riskNotification(risk: TierAtRisk, locale: string): { title: string; body: string } {
  const usd = (value: number) => formatUsdCompact(value, locale);
  return {
    title: `${risk.label} ${risk.tierName} at risk`,
    body:
      `Volume rolling out of the fee window takes you ${usd(risk.shortfallUsd)} below ${risk.tierName} on ${formatRiskDay(risk.date, locale)} (UTC). ` +
      `Trade ${usd(risk.perDayUsd)} a day until then to keep it.`,
  };
}

/** One quick-view line per tier at risk. */
export function riskLine(risk: TierAtRisk, locale: string): string {
  return `⚠ ${risk.label} ${risk.tierName} at risk ${formatRiskDay(risk.date, locale)}: trade ${formatUsdCompact(risk.perDayUsd, locale)}/day`;
}
