/**
 * The one typed API of Perpvol. The volume service implements it; IPC handlers, REST routes, the
 * preload bridge and the renderer's clients are all derived from this table, so adding a method
 * here is the only place a new operation is declared.
 */
import { z } from 'zod';
import {
  AccountSchema,
  AddAccountInputSchema,
  DailyQuerySchema,
  DailySchema,
  FillsPageSchema,
  FillsQuerySchema,
  HealthSchema,
  ImportFillsInputSchema,
  ImportFillsResultSchema,
  RotateCredentialsInputSchema,
  ReconciliationSchema,
  SummaryQuerySchema,
  SummarySchema,
  SyncStatusSchema,
} from './schemas.ts';
import { ExchangesSchema } from './exchange-info.ts';
import { CostsQuerySchema, CostsSchema } from './cost-schemas.ts';
import { SetTargetInputSchema, TargetSchema, TargetsSchema, TiersSchema } from './tier-schemas.ts';
import type { ApiEventListener } from './events.ts';

const Empty = z.object({});
const AccountId = z.object({ id: z.string().min(1) });

export const API_METHODS = {
  health: { input: Empty, output: HealthSchema },
  listExchanges: { input: Empty, output: ExchangesSchema },
  listAccounts: { input: Empty, output: z.object({ accounts: z.array(AccountSchema) }) },
  addAccount: { input: AddAccountInputSchema, output: AccountSchema },
  getAccount: { input: AccountId, output: AccountSchema },
  rotateCredentials: { input: RotateCredentialsInputSchema, output: AccountSchema },
  removeAccount: { input: AccountId.extend({ purge: z.boolean().optional() }), output: z.object({ removed: z.string() }) },
  startSync: { input: z.object({ accountIds: z.array(z.string()).optional() }), output: z.object({ started: z.array(z.string()) }) },
  syncStatus: { input: Empty, output: z.object({ accounts: z.array(SyncStatusSchema) }) },
  dailyVolume: { input: DailyQuerySchema, output: DailySchema },
  summary: { input: SummaryQuerySchema, output: SummarySchema },
  listFills: { input: FillsQuerySchema, output: FillsPageSchema },
  reconciliation: { input: z.object({ accountId: z.string().optional() }), output: ReconciliationSchema },
  importFills: { input: ImportFillsInputSchema, output: ImportFillsResultSchema },
  tiers: { input: Empty, output: TiersSchema },
  listTargets: { input: Empty, output: TargetsSchema },
  setTarget: { input: SetTargetInputSchema, output: TargetSchema },
  costs: { input: CostsQuerySchema, output: CostsSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type ApiMethodName = keyof typeof API_METHODS;
export type ApiInput<K extends ApiMethodName> = z.input<(typeof API_METHODS)[K]['input']>;
export type ApiOutput<K extends ApiMethodName> = z.output<(typeof API_METHODS)[K]['output']>;

export type ApiMethods = { [K in ApiMethodName]: (input: ApiInput<K>) => Promise<ApiOutput<K>> };

/** Methods plus live events: what every client (IPC, HTTP+SSE) and the service itself offer. */
export interface PerpvolApi extends ApiMethods {
  /** Subscribe to live events; returns the unsubscribe function. */
  subscribe(listener: ApiEventListener): () => void;
}

export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethodName[];

/** IPC channel names, one per method, plus the events channel. */
export const IPC_CHANNEL_PREFIX = 'perpvol:';
export const IPC_EVENTS_CHANNEL = 'perpvol:event';
export const ipcChannel = (method: ApiMethodName): string => `${IPC_CHANNEL_PREFIX}${method}`;
