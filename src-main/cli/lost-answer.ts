/**
 * A CLI write sent to the server that owns the data folder, whose answer never came: the server
 * died or the connection broke, before or after the write was saved. Telling the user to "run the
 * command again" would be wrong half the time — an account saved just before the server died is
 * refused as a duplicate (409) the second time. So the CLI reads the data folder itself (a reader,
 * beside the owner or after it) and says whether the write took effect.
 */
import { exchanges as appExchanges } from '../connectors/registry.ts';
import type { ApiInput, ApiMethodName, ApiOutput, ApiMethods } from '../../src-shared/contract.ts';
import { PerpvolError } from '../core/errors.ts';

/** The server stamps createdAt on this machine's clock; this much earlier still counts as this command's write. */
const SAME_MACHINE_SLACK_MS = 2_000;

export type WriteReadBack = { applied: true; output: unknown; what: string } | { applied: false; what: string };

/** Opens a read-only view of the data and hands it to `read`, closing it after. */
export type ReaderAccess = <T>(read: (api: ApiMethods) => Promise<T>) => Promise<T>;

/** Whether `method` with `input`, sent at `sentAt`, was saved; null for methods it cannot tell (or when reading fails). */
export async function readBackWrite<K extends ApiMethodName>(method: K, input: ApiInput<K>, sentAt: number, withReader: ReaderAccess): Promise<WriteReadBack | null> {
  try {
    if (method === 'addAccount') return await withReader((api) => readBackAdd(api, input as ApiInput<'addAccount'>, sentAt));
    if (method === 'removeAccount') return await withReader((api) => readBackRemove(api, input as ApiInput<'removeAccount'>));
  } catch {
    // the data cannot be read either: say nothing rather than guess
  }
  return null;
}

async function readBackAdd(api: ApiMethods, input: ApiInput<'addAccount'>, sentAt: number): Promise<WriteReadBack> {
  const label = input.label.trim();
  const { accounts } = await api.listAccounts({});
  const added = accounts.find((account) => account.exchange === input.exchange && account.label === label && Date.parse(account.createdAt) >= sentAt - SAME_MACHINE_SLACK_MS);
  const name = `${appExchanges.label(input.exchange)} account "${label}"`;
  return added ? { applied: true, output: added satisfies ApiOutput<'addAccount'>, what: `the ${name} was added` } : { applied: false, what: `the ${name} was not added` };
}

async function readBackRemove(api: ApiMethods, input: ApiInput<'removeAccount'>): Promise<WriteReadBack> {
  try {
    await api.getAccount({ id: input.id });
  } catch (error) {
    if (error instanceof PerpvolError && error.kind === 'not_found') return { applied: true, output: { removed: input.id } satisfies ApiOutput<'removeAccount'>, what: `account ${input.id} was removed` };
    throw error;
  }
  return { applied: false, what: `account ${input.id} was not removed` };
}
