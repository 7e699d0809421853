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
  time: z.number().optional(),
});

export const decimal = z.string().refine(isDecimalString, 'not a decimal number');
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

/** Parses or explains, in the kit's words (kit/answer-reader.ts); `where` names the request. */
export function parseOrMalformed<T>(schema: z.ZodType<T>, value: unknown, what: string, where = 'a request'): T {
  return parseAnswer('Bybit', schema, value, what, where);
}
