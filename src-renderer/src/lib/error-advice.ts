/**
 * What the user can do about an account's error. The service's message says what went wrong;
 * this adds the next step, matched on the stable error code (or its family).
 */
export interface ErrorAdvice {
  /** One sentence: the next step. */
  action: string;
  /** Whether the fix is re-entering the credentials (remove and add the account again). */
  reenterCredentials: boolean;
}

const RULES: { test: RegExp; advice: ErrorAdvice }[] = [
  { test: /withdraw|transfer/, advice: { action: 'Create a read-only key without withdraw or transfer permission, or tick "Add anyway" if you accept the risk.', reenterCredentials: true } },
  { test: /permission/, advice: { action: 'Give the key read permission for trade history on the exchange, then add it again.', reenterCredentials: true } },
  { test: /clock|timestamp|recv_window/, advice: { action: "Sync your computer's clock (enable automatic time), then press Sync.", reenterCredentials: false } },
  { test: /(^|_)ip(_|$)|whitelist|allowlist/, advice: { action: "Add this computer's IP address to the key's allow-list on the exchange, or remove the IP restriction.", reenterCredentials: false } },
  { test: /signature|invalid_key|api_key|credentials|unauthorized|rejected|expired/, advice: { action: 'Check the key on the exchange (it may be deleted or expired), then remove this account and add it again with a fresh key.', reenterCredentials: true } },
  { test: /address/, advice: { action: 'Check the address (0x followed by hex digits) and add the account again.', reenterCredentials: true } },
  { test: /rate_limit|throttl/, advice: { action: 'The exchange is busy; Perpvol will retry by itself. Press Sync later if it stays.', reenterCredentials: false } },
  { test: /unreachable|unavailable|network|timeout|maintenance|server_error/, advice: { action: 'The exchange could not be reached. Check your internet connection; Perpvol will retry on the next sync.', reenterCredentials: false } },
  { test: /keychain|secret/, advice: { action: 'Perpvol cannot read the stored key. Unlock your OS keychain, or remove the account and add it again.', reenterCredentials: true } },
  { test: /storage|database|disk/, advice: { action: 'Perpvol could not write its database. Check free disk space and restart the app.', reenterCredentials: false } },
];

/** Codes that mean the exchange could not answer, not that the key or the input is wrong. */
const EXCHANGE_TROUBLE = /rate_limit|throttl|unreachable|unavailable|network|timeout|maintenance|server_error/;

const FALLBACK: ErrorAdvice = { action: 'Press Sync to try again. If it keeps failing, remove the account and add it again.', reenterCredentials: false };

export function adviceFor(code: string): ErrorAdvice {
  const normalized = code.toLowerCase();
  return RULES.find((rule) => rule.test.test(normalized))?.advice ?? FALLBACK;
}

/** Whether the error means "this key may withdraw or transfer" (the form then offers "Add anyway"). */
/**
 * The next step while adding an account: there is nothing to remove yet, so a rejected key means
 * "fix the key and press Add again".
 */
export function adviceWhenAdding(code: string): string | undefined {
  // The exchange could not answer (unreachable, busy, failing): the server's message already says
  // that nothing was added and what to do; a second sentence would only repeat it.
  if (EXCHANGE_TROUBLE.test(code.toLowerCase())) return undefined;
  const advice = adviceFor(code);
  if (!advice.reenterCredentials || isWithdrawalPermissionError(code)) return advice.action;
  return 'Check on the exchange that the key still exists and is read-enabled, paste the key and secret again, and press Add account.';
}

export function isWithdrawalPermissionError(code: string): boolean {
  return /withdraw|transfer/.test(code.toLowerCase());
}

/**
 * The next step on an account card. A keyed account (Bybit, WOO X, Paradex) no longer has to be
 * removed to fix its key: "Replace key" swaps it in place and keeps the history.
 */
export function adviceOnAccount(code: string, canReplaceKey: boolean): string {
  const advice = adviceFor(code);
  if (!advice.reenterCredentials || !canReplaceKey) return advice.action;
  if (isWithdrawalPermissionError(code)) return 'Press “Replace key” and paste a read-only key without withdraw or transfer permission.';
  return 'Check the key on the exchange (it may be deleted, expired or lack read permission), then press “Replace key” and paste a fresh one; the account keeps its history.';
}

/** The next step while replacing a key: fix what was pasted and press Replace key again. */
export function adviceWhenReplacing(code: string): string {
  const advice = adviceFor(code);
  if (!advice.reenterCredentials) return advice.action;
  if (isWithdrawalPermissionError(code)) return 'Use a read-only key, or tick “Replace anyway” if you accept the risk.';
  return 'Check on the exchange that the key exists and is read-enabled, paste it again, and press Replace key.';
}
