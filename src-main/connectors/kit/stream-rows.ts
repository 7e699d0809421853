/**
 * What the stream session makes of an exchange's frames that is the same for every exchange: rows
 * through the REST connector's own normalize, and the exchange's refusals as PerpvolErrors with the
 * shared codes.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { FillStreamProtocol, LoginRefusal, StreamedRows } from '../stream/fill-stream.ts';

/**
 * Streamed rows, decided exactly as the same rows in a REST page: a fill counts, an execution the
 * connector cannot classify is kept aside (stored as unclassified, shown in the account's warning),
 * a row that is not volume on purpose (funding, settlement, spot…) is left out. A row it cannot
 * read is not dropped silently: the rest of the frame still counts, and `unreadable` makes the
 * session report a gap, which sends the REST walker to read the same execution the way a sync does.
 */
export function streamedRows(protocol: Pick<FillStreamProtocol, 'normalize'>, rows: readonly unknown[]): { rows: StreamedRows; unreadable: number } {
  const streamed: StreamedRows = { fills: [], unclassified: [], bustedTradeIds: [] };
  let unreadable = 0;
  for (const row of rows) {
    try {
      const normalized = protocol.normalize(row);
      if ('fill' in normalized) streamed.fills.push(normalized.fill);
      else if ('unclassified' in normalized) streamed.unclassified.push(normalized.unclassified);
    } catch {
      unreadable++;
    }
  }
  return { rows: streamed, unreadable };
}

/** A refused login: a rejected key or a blocked location is for good (until the key changes); anything else is retried. */
export function loginRefused(protocol: FillStreamProtocol, refusal: LoginRefusal, reason: string): { error: PerpvolError; permanent: boolean } {
  const said = reason || 'no reason given';
  switch (refusal) {
    case 'credentials':
      return { permanent: true, error: new PerpvolError('credentials_rejected', 'stream_auth_rejected', `${protocol.label} refused the private stream login (${said}). ${protocol.login?.advice ?? ''}`.trim()) };
    case 'location':
      return { permanent: true, error: new PerpvolError('credentials_rejected', 'stream_geo_blocked', `${protocol.label} refuses streams from this location (${said}); Perpvol keeps polling instead.`) };
    case 'other':
      return { permanent: false, error: new PerpvolError('exchange_unavailable', 'stream_auth_failed', `${protocol.label} did not accept the stream login (${said}).`, true) };
  }
}

export function subscribeRefused(protocol: FillStreamProtocol, reason: string): { error: PerpvolError; permanent: boolean } {
  return { permanent: false, error: new PerpvolError('exchange_unavailable', 'stream_subscribe_failed', `${protocol.label} refused the ${protocol.subscribe.what} (${reason || 'no reason given'}).`, true) };
}

export function streamError(protocol: FillStreamProtocol, reason: string): { error: PerpvolError; permanent: boolean } {
  return { permanent: false, error: new PerpvolError('exchange_unavailable', 'stream_refused', `${protocol.label} refused the ${protocol.subscribe.what}: ${reason || 'no reason given'}`, true) };
}
