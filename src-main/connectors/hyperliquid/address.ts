/**
 * A Hyperliquid account is an EVM-style address: a main account, sub-account or vault. Reading it
 * needs no key, so the address is the whole credential.
 */
import { badInput, type PerpvolError } from '../../core/errors.ts';

const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/;

/** The address in lowercase (Hyperliquid's canonical form), or a bad_input error saying what is wrong. */
export function parseAddress(credentials: Record<string, string>): string {
  const raw = credentials['address'];
  if (raw === undefined || raw.trim() === '') {
    throw invalidAddress('A Hyperliquid account needs its address (0x followed by 40 hex digits).');
  }
  const address = raw.trim();
  if (!ADDRESS_PATTERN.test(address)) {
    const shown = address.length > 60 ? `${address.slice(0, 60)}…` : address;
    throw invalidAddress(
      `"${shown}" is not a Hyperliquid address: it must be 0x followed by 40 hex digits (42 characters). ` +
        'Copy the address of the main account, sub-account or vault from app.hyperliquid.xyz.',
    );
  }
  return address.toLowerCase();
}

function invalidAddress(message: string): PerpvolError {
  return badInput('invalid_address', message);
}
