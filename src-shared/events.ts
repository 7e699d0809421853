import { z } from 'zod';
import { AccountSchema, DaySchema, ExchangeIdSchema, SyncStatusSchema } from './schemas.ts';

/**
 * Live events, pushed to every face after the fact they describe is committed:
 * - `sync`: an account's sync progressed (after every committed page) or changed state;
 * - `volume`: new fills landed, touching these days (refetch what shows them);
 * - `account`: an account was added, changed or removed.
 */
export const ApiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sync'), status: SyncStatusSchema }),
  z.object({
    type: z.literal('volume'),
    accountId: z.string(),
    exchange: ExchangeIdSchema,
    fillsInserted: z.number().int(),
    days: z.array(DaySchema),
  }),
  z.object({
    type: z.literal('account'),
    change: z.enum(['added', 'updated', 'removed']),
    accountId: z.string(),
    account: AccountSchema.nullable(),
  }),
]);

export type ApiEvent = z.infer<typeof ApiEventSchema>;
export type ApiEventType = ApiEvent['type'];
export type ApiEventListener = (event: ApiEvent) => void;
