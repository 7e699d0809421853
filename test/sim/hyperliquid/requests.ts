/**
 * The `POST /info` bodies the simulator understands, validated the way Hyperliquid does: a body
 * that does not fit the request type is answered 422 "Failed to deserialize the JSON body into the
 * target type" (text/plain), e.g. a user that is not 0x + 40 hex digits.
 */
import { z } from 'zod';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'invalid address');
const ms = z.number().int().nonnegative();

export const InfoRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('userFillsByTime'),
    user: address,
    startTime: ms,
    endTime: ms.nullish(),
    aggregateByTime: z.boolean().nullish(),
  }),
  z.object({ type: z.literal('userFills'), user: address, aggregateByTime: z.boolean().nullish() }),
  z.object({ type: z.literal('userFees'), user: address }),
  z.object({ type: z.literal('portfolio'), user: address }),
  z.object({ type: z.literal('clearinghouseState'), user: address, dex: z.string().nullish() }),
]);
export type InfoRequest = z.infer<typeof InfoRequest>;

export const DESERIALIZE_FAILURE = 'Failed to deserialize the JSON body into the target type';
