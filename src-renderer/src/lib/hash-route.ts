/**
 * Where the dashboard is, in the address bar's hash: the page and its view, e.g.
 * `#/daily?range=1y&group=underlying`, so a reload or a shared link opens the same view. The hash
 * (not the path) keeps it working from a file:// window in the desktop app and from any prefix a
 * reverse proxy puts the server under. The server's printed link puts the token there too
 * (`#token=…`, `#/fills&token=…`); that part is read once and removed (api/token.ts).
 */
export interface Route {
  /** The page id ('' when the hash names none). */
  page: string;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const cut = text.search(/[?&]/);
  const head = cut === -1 ? text : text.slice(0, cut);
  const query = cut === -1 ? '' : text.slice(cut + 1);
  // '#token=…' has no page, only a parameter.
  if (head.includes('=')) return { page: '', params: new URLSearchParams(text) };
  return { page: head, params: new URLSearchParams(query) };
}

export function routeHash(route: Route): string {
  const query = route.params.toString();
  if (!route.page) return query ? `#${query}` : '';
  return `#/${route.page}${query ? `?${query}` : ''}`;
}
