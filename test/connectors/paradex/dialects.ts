/**
 * Readings of the Paradex docs that the simulator can play, so every connector suite runs under
 * each of them against one truth. Where the docs are silent or a deployment may differ from the
 * spec, the connector must give the same fills under every reading.
 */
import type { ParadexSimulatorOptions } from '../../sim/paradex/index.ts';

export interface PageSizeDialect {
  name: string;
  options: Pick<ParadexSimulatorOptions, 'maxPageSize' | 'overMaxPageSize'>;
  /** Rows the server hands out per page, whatever was asked. */
  rowsPerPage: number;
}

/** The largest page_size: the spec's 5000, or less, refused (400) or silently capped. */
export const PAGE_SIZE_DIALECTS: PageSizeDialect[] = [
  { name: 'page_size up to 5000 (the spec)', options: { maxPageSize: 5000, overMaxPageSize: 'reject' }, rowsPerPage: 5000 },
  { name: 'page_size up to 1000, larger refused', options: { maxPageSize: 1000, overMaxPageSize: 'reject' }, rowsPerPage: 1000 },
  { name: 'page_size up to 100, larger refused', options: { maxPageSize: 100, overMaxPageSize: 'reject' }, rowsPerPage: 100 },
  { name: 'page_size silently capped at 100', options: { maxPageSize: 100, overMaxPageSize: 'cap' }, rowsPerPage: 100 },
];

export interface LoginDialect {
  name: string;
  options: Pick<ParadexSimulatorOptions, 'mainKeyOnSubkeyPath' | 'unregisteredKeyAnswer'>;
}

/** Whether /v1/auth/{public_key} also takes the main key, and how it refuses an unregistered key. */
export const LOGIN_DIALECTS: LoginDialect[] = [
  { name: 'main key accepted on /auth/{public_key} (as the SDK logs in)', options: { mainKeyOnSubkeyPath: 'accept', unregisteredKeyAnswer: 'public_key_invalid' } },
  { name: 'main key only on /auth, unknown key → 400', options: { mainKeyOnSubkeyPath: 'reject', unregisteredKeyAnswer: 'public_key_invalid' } },
  { name: 'main key only on /auth, unknown key → 404', options: { mainKeyOnSubkeyPath: 'reject', unregisteredKeyAnswer: 'not_found' } },
  // The shared HTTP client hands this answer back raw (only transient ones are retried), so the login still falls back.
  { name: 'main key only on /auth, unknown key → a bare 404 page', options: { mainKeyOnSubkeyPath: 'reject', unregisteredKeyAnswer: 'bare_404_page' } },
];
