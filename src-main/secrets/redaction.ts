/**
 * The single redaction point. Every secret Perpvol handles is registered here the moment it is
 * read (from a request, a store, the environment); every log line, error message, event and crash
 * report passes through `redact` before it leaves the process. Defence in depth: the code already
 * avoids putting secrets in messages, this catches what a mistake or a library would leak.
 */
const MIN_SECRET_LENGTH = 6;
const REPLACEMENT = '[redacted]';

export class SecretRedactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  register(...values: (string | undefined | null)[]): void {
    for (const value of values) {
      if (!value || value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) continue;
      this.secrets.add(value);
      this.pattern = null;
    }
  }

  /** Registers every value of a credentials object (addresses are public but harmless to hide). */
  registerCredentials(credentials: Record<string, string> | null | undefined, secretFields: readonly string[]): void {
    if (!credentials) return;
    for (const field of secretFields) this.register(credentials[field]);
  }

  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REPLACEMENT);
  }

  /** Redacts inside any JSON-able value (events, error bodies). */
  redactValue<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}

/** The process-wide redactor every face uses. */
export const redactor = new SecretRedactor();

/** Credential fields that are secret, per exchange (addresses are public and stay visible). */
export const SECRET_CREDENTIAL_FIELDS = ['apiSecret', 'privateKey', 'apiKey'] as const;
