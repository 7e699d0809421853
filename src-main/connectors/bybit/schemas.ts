/**
 * Bybit V5 routes and their answers, validated at the edge. Anything that does not match becomes a
 * `malformed_response` error instead of a wrong number further in.
 */
import { z } from 'zod';
import { isDecimalString } from '../../core/usd.ts';

/** https://bybit-exchange.github.io/docs/v5/user/apikey-info — "Any permission can access this endpoint"; carries `vipLevel`. */
export const QUERY_API_PATH = '/v5/user/query-api';
/** https://bybit-exchange.github.io/docs/v5/account/fee-rate */
export const FEE_RATE_PATH = '/v5/account/fee-rate';

/** https://bybit-exchange.github.io/docs/v5/intro — every answer: {retCode, retMsg, result, retExtInfo, time}. */
export const EnvelopeSchema = z.looseObject({
  retCode: z.number().int(),
  retMsg: z.string(),
  result: z.unknown().optional(),
  time: z.number().optional(),
});

export const decimal = z.string().refine(isDecimalString, 'not a decimal number');
const msString = z.string().regex(/^\d{1,16}$/, 'not a millisecond timestamp');

/** https://bybit-exchange.github.io/docs/v5/order/execution — "Get Trade History". */
export const EXECUTION_LIST_PATH = '/v5/execution/list';

/**
 * One row of GET /v5/execution/list. Only the fields every execType carries are required here; trade
 * rows are checked more strictly by TradeRowSchema before they are counted.
 */
export const ExecutionRowSchema = z.looseObject({
  symbol: z.string(),
  execId: z.string().min(1),
  execType: z.string(),
  execTime: msString,
});
export type ExecutionRow = z.infer<typeof ExecutionRowSchema> & Record<string, unknown>;

/** What a trade row (an execType counted as volume, normalize.ts) must have to be counted. */
export const TradeRowSchema = ExecutionRowSchema.extend({
  symbol: z.string().min(1),
  orderId: z.string(),
  side: z.enum(['Buy', 'Sell']),
  execPrice: decimal,
  execQty: decimal,
  execValue: decimal,
  execFee: decimal,
  /** Documented later than the other fields; older rows may lack it (then the category decides). */
  feeCurrency: z.string().optional(),
  isMaker: z.boolean(),
});

export const ExecutionListResultSchema = z.looseObject({
  category: z.string().optional(),
  list: z.array(ExecutionRowSchema),
  /** The docs show only the field; the last page may carry "", null or no field at all. */
  nextPageCursor: z.string().optional().nullable(),
});
export type ExecutionListResult = z.infer<typeof ExecutionListResultSchema>;
