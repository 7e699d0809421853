import type { UnprovenSpan } from '../connectors/connector.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { EXCHANGE_LABELS } from '../core/exchange.ts';

/**
 * The warnings an account carries for stretches of its history a sync could not prove complete
 * (FillPage.unproven). The connector's list is cumulative, so each pass replaces these warnings
 * wholesale; the marker phrase tells them apart from the account's other warnings.
 */
const MARKER = 'may be incomplete:';

export function coverageWarning(exchange: ExchangeId, span: UnprovenSpan): string {
  const when = span.from === span.to ? new Date(span.from).toISOString() : `${new Date(span.from).toISOString()} – ${new Date(span.to).toISOString()}`;
  return `${EXCHANGE_LABELS[exchange]} history at ${when} ${MARKER} ${span.detail}`;
}

/** The account's warnings with the coverage warnings replaced; `unproven` undefined leaves them as they are. */
export function withCoverageWarnings(warnings: string[], exchange: ExchangeId, unproven: UnprovenSpan[] | undefined): string[] {
  if (unproven === undefined) return warnings;
  const others = warnings.filter((warning) => !isCoverageWarning(warning));
  return [...others, ...new Set(unproven.map((span) => coverageWarning(exchange, span)))];
}

export function isCoverageWarning(warning: string): boolean {
  return warning.includes(MARKER);
}
