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

  /**
   * Redacts every string inside a JSON-able value (events, error bodies). Walks the value rather
   * than its JSON text, so a secret holding a quote or backslash is caught too; returns a copy.
   */
  redactValue<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.walk(item)]));
    }
    return value;
  }
}

/** The process-wide redactor every face uses. */
export const redactor = new SecretRedactor();

/** Credential fields that are secret, per exchange (addresses are public and stay visible). */
export const SECRET_CREDENTIAL_FIELDS = ['apiSecret', 'privateKey', 'apiKey', 'readonlyToken'] as const;
