import { redactor, SECRET_CREDENTIAL_FIELDS, type SecretRedactor } from './redaction.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * Wraps the process's secret store so every secret that passes through it (read for a sync, or
 * written on add/rotate) is registered with the redactor before any code can put it in a message.
 */
export function redactingSecretStore(store: SecretStore, registry: SecretRedactor = redactor): SecretStore {
  const register = (credentials: Record<string, string> | null): void =>
    registry.registerCredentials(credentials, SECRET_CREDENTIAL_FIELDS);
  return {
    kind: store.kind,
    describe: () => store.describe(),
    async get(accountId) {
      const credentials = await store.get(accountId);
      register(credentials);
      return credentials;
    },
    async set(accountId, credentials) {
      register(credentials);
      await store.set(accountId, credentials);
    },
    delete: (accountId) => store.delete(accountId),
    list: () => store.list(),
  };
}
