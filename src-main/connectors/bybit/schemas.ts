/**
 * Bybit V5 answers, validated at the edge. Anything that does not match becomes a
 * `malformed_response` error instead of a wrong number further in.
 */
import { z } from 'zod';
import { parseOrMalformed as parseAnswer } from '../kit/answer-reader.ts';
import { isDecimalString } from '../../core/usd.ts';

/** https://bybit-exchange.github.io/docs/v5/intro — every answer: {retCode, retMsg, result, retExtInfo, time}. */
export const EnvelopeSchema = z.looseObject({
  retCode: z.number().int(),
  retMsg: z.string(),
  result: z.unknown().optional(),
  retExtInfo: z.unknown().optional(),
  time: z.number().optional(),
});

const decimal = z.string().refine(isDecimalString, 'not a decimal number');
const msString = z.string().regex(/^\d{1,16}$/, 'not a millisecond timestamp');

/**
 * One row of GET /v5/execution/list (https://bybit-exchange.github.io/docs/v5/order/execution).
 * Only the fields every execType carries are required here; trade rows are checked more strictly
 * by TradeRowSchema before they are counted.
 */
export const ExecutionRowSchema = z.looseObject({
  symbol: z.string(),
  execId: z.string().min(1),
  execType: z.string(),
  execTime: msString,
});
export type ExecutionRow = z.infer<typeof ExecutionRowSchema> & Record<string, unknown>;

/** What a trade row (an execType counted as volume, constants.ts) must have to be counted. */
export const TradeRowSchema = z.looseObject({
  symbol: z.string().min(1),
  orderId: z.string(),
  execId: z.string().min(1),
  side: z.enum(['Buy', 'Sell']),
  execPrice: decimal,
  execQty: decimal,
  execValue: decimal,
  execFee: decimal,
  /** Documented later than the other fields; older rows may lack it (then the category decides). */
  feeCurrency: z.string().optional(),
  execType: z.string(),
  isMaker: z.boolean(),
  execTime: msString,
});
export type TradeRow = z.infer<typeof TradeRowSchema>;

export const ExecutionListResultSchema = z.looseObject({
  category: z.string().optional(),
  list: z.array(ExecutionRowSchema),
  /** The docs show only the field; the last page may carry "", null or no field at all. */
  nextPageCursor: z.string().optional().nullable(),
});
export type ExecutionListResult = z.infer<typeof ExecutionListResultSchema>;

/**
 * GET /v5/market/instruments-info for linear and inverse (https://bybit-exchange.github.io/docs/v5/market/instrument).
 * Only what classifies a symbol is required; a row without it is skipped by the catalog, not the page.
 */
export const InstrumentsResultSchema = z.looseObject({
  category: z.string().optional(),
  list: z.array(
    z.looseObject({
      symbol: z.string().min(1),
      contractType: z.string().optional(),
      baseCoin: z.string().optional(),
      status: z.string().optional(),
      deliveryTime: z.string().optional(),
    }),
  ),
  nextPageCursor: z.string().optional().nullable(),
});
export type InstrumentsResult = z.infer<typeof InstrumentsResultSchema>;

/** GET /v5/user/query-api, https://bybit-exchange.github.io/docs/v5/user/apikey-info */
export const ApiKeyInfoSchema = z.looseObject({
  readOnly: z.number().int(),
  permissions: z.record(z.string(), z.array(z.string())),
  ips: z.array(z.string()).optional(),
  userID: z.number().int(),
  note: z.string().optional(),
  type: z.number().int().optional(),
  deadlineDay: z.number().optional(),
  expiredAt: z.string().optional(),
  createdAt: z.string().optional(),
  uta: z.number().int().optional(),
  isMaster: z.boolean().optional(),
  parentUid: z.string().optional(),
  /** "No VIP", "VIP-1" … "VIP-Supreme", "PRO-1" … (https://bybit-exchange.github.io/docs/v5/enum#viplevel). */
  vipLevel: z.string().optional(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;

/** GET /v5/account/fee-rate, https://bybit-exchange.github.io/docs/v5/account/fee-rate */
export const FeeRateResultSchema = z.looseObject({
  list: z.array(z.looseObject({ symbol: z.string().optional(), takerFeeRate: decimal, makerFeeRate: decimal })),
});

/** Parses or explains, in the kit's words (kit/answer-reader.ts); `where` names the request. */
export function parseOrMalformed<T>(schema: z.ZodType<T>, value: unknown, what: string, where = 'a request'): T {
  return parseAnswer('Bybit', schema, value, what, where);
}
