/**
 * How Hyperliquid says no, as a table (kit/error-table.ts). `POST /info` has no error envelope: a
 * refusal is a status with a plain-text (or JSON-string) reason, quoted from the body's start; only
 * a 200 carries data. Messages name the info request type (the `subject`).
 */
import type { ErrorTable } from '../kit/error-table.ts';

export const HYPERLIQUID_ANSWERS: ErrorTable = {
  label: 'Hyperliquid',
  readWords: () => null,
  success: (status) => status === 200,
  rows: [
    {
      status: [400, 422],
      kind: 'bad_input',
      code: 'hyperliquid_rejected_request',
      retryable: false,
      means: 'HTTP 400/422 with a plain-text reason ("Failed to deserialize the JSON body…"): the request, usually the address, is not one it reads',
      message: ({ subject, status, excerpt }) =>
        `Hyperliquid refused the "${subject}" request (HTTP ${status}: ${excerpt || 'no detail'}). ` +
        'Check that the account address is a 0x address of 40 hex digits.',
    },
    {
      status: 'server_error',
      kind: 'exchange_unavailable',
      code: 'exchange_error',
      retryable: true,
      means: 'any 5xx, still there after the retries',
      message: ({ status }) =>
        `Hyperliquid had a server error (HTTP ${status}) and still had it after several tries. Perpvol will try again at the next sync.`,
    },
  ],
};
