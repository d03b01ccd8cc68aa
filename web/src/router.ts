/**
 * A small hash router (no dependency): URLs work on any static host and with Firebase Hosting's
 * rewrite alike.
 *   #/ or #/board     case board
 *   #/report          report a case
 *   #/cases/{caseId}  case detail
 * Anything else renders "not found" inside the shell.
 */
import { useSyncExternalStore } from 'react';

export type Route = { name: 'board' } | { name: 'report' } | { name: 'case'; id: string } | { name: 'notFound'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/board') return { name: 'board' };
  if (path === '/report') return { name: 'report' };
  const m = /^\/cases\/([^/?#]+)$/.exec(path);
  if (m) {
    try {
      return { name: 'case', id: decodeURIComponent(m[1]!) };
    } catch {
      return { name: 'notFound', path };
    }
  }
  return { name: 'notFound', path };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'board':
      return '#/board';
    case 'report':
      return '#/report';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route, opts: { replace?: boolean } = {}) {
  const href = hrefFor(route);
  if (opts.replace) {
    history.replaceState(history.state, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = href.slice(1);
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseHash(hash);
}
