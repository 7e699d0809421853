import { Command, Option } from 'commander';
import { EXCHANGE_IDS, EXCHANGE_LABELS, type ExchangeId } from '../core/exchange.ts';
import { printJson, withCore } from './global-options.ts';
import { readSecret, refusedSecretFlag, secretFlagRefused, type SecretSource } from './secret-input.ts';
import { formatTable } from './table.ts';

/** Secrets come from the environment or a hidden prompt, never from flags (secret-input.ts). */
export const API_SECRET_ENV = 'PERPVOL_API_SECRET';
export const PRIVATE_KEY_ENV = 'PERPVOL_PRIVATE_KEY';

interface AddOptions {
  exchange: ExchangeId;
  label: string;
  address?: string;
  apiKey?: string;
  apiSecret?: string;
  privateKey?: string;
  baseUrl?: string;
  validate: boolean;
  allowWithdrawalPermission?: boolean;
  json?: boolean;
}

type CredentialOptions = Pick<AddOptions, 'address' | 'apiKey' | 'apiSecret' | 'privateKey'>;

/** The secret half of each credential: which flag used to carry it, and where it comes from now. */
const SECRET_FIELDS = {
  apiSecret: { flag: '--api-secret', env: API_SECRET_ENV, what: (exchange: string) => `${exchange} API secret` },
  privateKey: { flag: '--private-key', env: PRIVATE_KEY_ENV, what: (exchange: string) => `${exchange} private key` },
} as const;
type SecretField = keyof typeof SECRET_FIELDS;

const sourceOf = (field: SecretField, exchangeName: string): SecretSource => ({ env: SECRET_FIELDS[field].env, what: SECRET_FIELDS[field].what(exchangeName) });

/**
 * The credentials of an add or rotate: the public part from flags, the secret part from the
 * environment or a hidden prompt. `secretField` is the secret this exchange needs, if any; it is
 * asked for only once the public part it belongs to is there (else the service names what is
 * missing, without making the user type a secret first).
 */
async function credentialsFrom(options: CredentialOptions, secretField: SecretField | null, exchangeName: string): Promise<Record<string, string>> {
  for (const [field, { flag }] of Object.entries(SECRET_FIELDS) as [SecretField, (typeof SECRET_FIELDS)[SecretField]][]) {
    if (options[field] !== undefined) throw secretFlagRefused(flag, sourceOf(field, exchangeName));
  }
  const credentials: Record<string, string> = {};
  if (options.address) credentials.address = options.address;
  if (options.apiKey) credentials.apiKey = options.apiKey;
  const publicPart = secretField === 'apiSecret' ? options.apiKey : options.address;
  if (secretField && publicPart) credentials[secretField] = await readSecret(sourceOf(secretField, exchangeName));
  return credentials;
}

/** Which secret an exchange's key needs (Hyperliquid reads by public address and needs none). */
function secretFieldOf(exchange: ExchangeId): SecretField | null {
  if (exchange === 'bybit' || exchange === 'woox') return 'apiSecret';
  if (exchange === 'paradex') return 'privateKey';
  return null;
}

type RotateOptions = CredentialOptions & Pick<AddOptions, 'validate' | 'allowWithdrawalPermission' | 'json'>;

export function accountsCommand(): Command {
  const accounts = new Command('accounts').description('add, list, rotate the key of, and remove exchange accounts');

  accounts
    .command('add')
    .description('add an account (its key is checked with the exchange unless --no-validate)')
    .addOption(new Option('--exchange <id>', 'exchange').choices([...EXCHANGE_IDS]).makeOptionMandatory())
    .requiredOption('--label <label>', 'a name for the account')
    .option('--address <0x…>', `Hyperliquid address, or Paradex L2 account address (its subkey's private key comes from ${PRIVATE_KEY_ENV} or a hidden prompt)`)
    .option('--api-key <key>', `Bybit / WOO X API key (read-only recommended); its secret comes from ${API_SECRET_ENV} or a hidden prompt`)
    .addOption(refusedSecretFlag('--api-secret <secret>'))
    .addOption(refusedSecretFlag('--private-key <key>'))
    .option('--base-url <url>', "override the exchange's REST origin (testnet, proxy)")
    .option('--no-validate', 'do not check the key with the exchange now')
    .option('--allow-withdrawal-permission', 'accept a key that can withdraw or transfer (not recommended)')
    .option('--json', 'print the account as JSON')
    .action(async (options: AddOptions, command: Command) => {
      // Asked before the database is opened: nothing is held while someone types.
      const credentials = await credentialsFrom(options, secretFieldOf(options.exchange), EXCHANGE_LABELS[options.exchange]);
      await withCore(command, async (core) => {
        const account = await core.service.addAccount({
          exchange: options.exchange,
          label: options.label,
          credentials,
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          validate: options.validate,
          ...(options.allowWithdrawalPermission ? { allowWithdrawalPermission: true } : {}),
        });
        if (options.json) return printJson(account);
        process.stdout.write(`added ${EXCHANGE_LABELS[account.exchange]} account "${account.label}" (id ${account.id})\n`);
        for (const warning of account.warnings) process.stdout.write(`warning: ${warning}\n`);
        process.stdout.write('run `perpvol sync` to fetch its history\n');
      });
    });

  accounts
    .command('list')
    .description('list accounts with their sync status')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withCore(command, async (core) => {
        const { accounts: list } = await core.service.listAccounts({});
        if (options.json) return printJson({ accounts: list });
        if (list.length === 0) return void process.stdout.write('no accounts yet: add one with `perpvol accounts add`\n');
        process.stdout.write(
          formatTable(list, [
            { header: 'ID', value: (a) => a.id },
            { header: 'EXCHANGE', value: (a) => EXCHANGE_LABELS[a.exchange] },
            { header: 'LABEL', value: (a) => a.label },
            // Only when some account has an API key id to hint at (Hyperliquid has none).
            ...(list.some((a) => a.keyHint) ? [{ header: 'KEY', value: (a: (typeof list)[number]) => a.keyHint ?? '' }] : []),
            { header: 'STATUS', value: (a) => (a.lastError ? `error: ${a.lastError.code}` : a.status) },
            { header: 'LAST SYNC', value: (a) => a.lastSyncAt?.replace('T', ' ').slice(0, 19) ?? 'never' },
          ]),
        );
        for (const account of list) for (const warning of account.warnings) process.stdout.write(`warning (${account.label}): ${warning}\n`);
      });
    });

  accounts
    .command('rotate')
    .description("replace an account's key in place (same exchange account; fills and sync position are kept)")
    .argument('<id>', 'account id (see `perpvol accounts list`)')
    .option('--address <0x…>', `Paradex L2 account address (must be the account's own); the new subkey's private key comes from ${PRIVATE_KEY_ENV} or a hidden prompt`)
    .option('--api-key <key>', `the new Bybit / WOO X API key (read-only recommended); its secret comes from ${API_SECRET_ENV} or a hidden prompt`)
    .addOption(refusedSecretFlag('--api-secret <secret>'))
    .addOption(refusedSecretFlag('--private-key <key>'))
    .option('--no-validate', 'do not check the key with the exchange now')
    .option('--allow-withdrawal-permission', 'accept a key that can withdraw or transfer (not recommended)')
    .option('--json', 'print the account as JSON')
    .action(async (id: string, options: RotateOptions, command: Command) => {
      // Which secret to ask for follows from the public part given: an API key (Bybit, WOO X) or an address (Paradex).
      const secretField: SecretField | null = options.apiKey ? 'apiSecret' : options.address ? 'privateKey' : null;
      const credentials = await credentialsFrom(options, secretField, options.apiKey ? 'Bybit / WOO X' : 'Paradex');
      await withCore(command, async (core) => {
        const account = await core.service.rotateCredentials({
          id,
          credentials,
          validate: options.validate,
          ...(options.allowWithdrawalPermission ? { allowWithdrawalPermission: true } : {}),
        });
        if (options.json) return printJson(account);
        const hint = account.keyHint ? ` (now ${account.keyHint})` : '';
        process.stdout.write(`replaced the key of ${EXCHANGE_LABELS[account.exchange]} account "${account.label}"${hint}\n`);
        for (const warning of account.warnings) process.stdout.write(`warning: ${warning}\n`);
      });
    });

  accounts
    .command('remove')
    .description('remove an account and its stored key')
    .argument('<id>', 'account id (see `perpvol accounts list`)')
    .option('--purge', 'also delete its fills and daily volume')
    .action(async (id: string, options: { purge?: boolean }, command: Command) => {
      await withCore(command, async (core) => {
        await core.service.removeAccount({ id, purge: options.purge ?? false });
        process.stdout.write(`removed ${id}${options.purge ? ' and its fills' : ''}\n`);
      });
    });

  return accounts;
}
