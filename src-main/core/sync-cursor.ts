/**
 * Where a connector is in an account's history. Opaque to everyone but the connector that wrote
 * it (a window start, a page cursor, a last-seen time); the sync engine persists it as JSON in the
 * same transaction as the page of fills it follows, and hands it back to resume. It lives in core
 * because both the connectors (which write it) and the store (which keeps it) need it, and neither
 * may import the other.
 */
export type SyncCursor = Record<string, unknown>;
