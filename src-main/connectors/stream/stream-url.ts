/**
 * A private stream URL an account overrides the exchange's with (docs/live-updates.md, "Stream URL");
 * registry.ts resolves the exchange's own.
 */
import { badInput } from '../../core/errors.ts';

/** Placeholder in WOO X's path, filled with the account's application id. */
export const APPLICATION_ID_PLACEHOLDER = '{application_id}';

/** A stream URL as a user typed it: ws:// or wss:// only (http(s) is turned into its ws twin). */
export function checkStreamUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(text);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw invalid(text);
  // URL escapes the braces of the WOO X placeholder; keep it readable and fillable.
  return url.href.replace(encodeURI(APPLICATION_ID_PLACEHOLDER), APPLICATION_ID_PLACEHOLDER);
}

function invalid(text: string) {
  return badInput('invalid_stream_url', `"${text}" is not a WebSocket URL; use ws://host/path or wss://host/path (or leave streamUrl out for the exchange's own).`);
}
