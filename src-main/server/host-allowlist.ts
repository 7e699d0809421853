/**
 * DNS-rebinding protection (docs/security.md, "What the server refuses, and why"): a web page on another site can make the browser
 * resolve its own name to 127.0.0.1 and then talk to this server as if it were same-origin. The
 * browser still sends that site's name in the Host header, so the server answers only requests
 * whose Host names the address it listens on (for a loopback bind also localhost, 127.0.0.1 and
 * [::1]) or a name the user allowed (--allowed-host, for a reverse proxy or a LAN hostname).
 * Everything else gets 421 before auth, on every route: /api/v1/health and the dashboard too.
 */
import { isIPv6 } from 'node:net';

export const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** The hostname part of a Host header ("[::1]:7420" → "[::1]", "Example.com:80" → "example.com"); null when malformed. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (typeof hostHeader !== 'string') return null;
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return null;
    const rest = host.slice(end + 1);
    return rest === '' || /^:\d{1,5}$/.test(rest) ? host.slice(0, end + 1) : null;
  }
  const match = /^([^:\s/@]+)(?::\d{1,5})?$/.exec(host);
  return match ? match[1]! : null;
}

/** How many Host headers a request carries, from its raw header list (Node keeps only the first of several). */
export function hostHeaderCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'host') count += 1;
  return count;
}

/**
 * The host named by a request target in absolute form (`GET http://other.example/api HTTP/1.1`),
 * which by RFC 9112 §3.2.2 takes the place of the Host header; null for the usual origin form
 * (`/api/v1/...`) and `*`. A target that is neither (no scheme, unparsable) yields '' so it is refused.
 */
export function absoluteTargetHost(target: string | undefined): string | null {
  if (target === undefined || target.startsWith('/') || target === '*') return null;
  try {
    return new URL(target).host;
  } catch {
    return '';
  }
}

/** A socket address as a Host header names it: IPv4-mapped IPv6 as IPv4, IPv6 in brackets. */
export function addressAsHostname(address: string): string {
  const plain = address.toLowerCase().replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/, '$1');
  return isIPv6(plain) ? `[${plain}]` : plain;
}

export function isLoopbackAddress(address: string): boolean {
  const name = addressAsHostname(address);
  return name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** A user-given allowed host (`--allowed-host`): a name or address, with or without a port. */
export function normalizeAllowedHost(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return isIPv6(trimmed) ? addressAsHostname(trimmed) : hostnameOf(trimmed);
}

export class HostAllowlist {
  private readonly extra: ReadonlySet<string>;

  /** `extra`: names allowed besides the listening address (the bind host when it is a name, --allowed-host). */
  constructor(extra: readonly string[] = []) {
    this.extra = new Set(extra.map(normalizeAllowedHost).filter((name): name is string => name !== null));
  }

  /**
   * Whether a request that arrived on `localAddress` (the address of our end of the connection,
   * i.e. the address the client connected to) may be answered given its Host header.
   */
  allows(hostHeader: string | undefined, localAddress: string | undefined): boolean {
    const hostname = hostnameOf(hostHeader);
    if (hostname === null) return false;
    if (this.extra.has(hostname)) return true;
    if (!localAddress) return false;
    if (hostname === addressAsHostname(localAddress)) return true;
    return isLoopbackAddress(localAddress) && (LOOPBACK_HOST_NAMES as readonly string[]).includes(hostname);
  }

  /** What to tell a refused caller: the names this server answers to on that connection. */
  describe(localAddress: string | undefined): string {
    const names = new Set<string>(this.extra);
    if (localAddress) {
      names.add(addressAsHostname(localAddress));
      if (isLoopbackAddress(localAddress)) for (const name of LOOPBACK_HOST_NAMES) names.add(name);
    }
    return [...names].join(', ');
  }
}
