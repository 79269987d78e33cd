import { timingSafeEqual } from 'node:crypto';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when the Host header names this machine's loopback interface. A page from another site
 * that rebinds its DNS name to 127.0.0.1 still sends its own name here, and is refused.
 */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  if (!match) return false;
  const [, name, portText] = match;
  if (!name || !LOOPBACK_NAMES.has(name)) return false;
  return portText === undefined || Number(portText) === port;
}

/** Compares the presented token with the run's token in constant time. */
export function tokenMatches(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when a request may come from where its Origin header says: no Origin (the command line, a
 * navigation) or this host's own page. A page of another site (or a sandboxed frame, "null") that
 * learned the token is still refused: the browser sets Origin and the page cannot forge it.
 */
export function isOwnOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  let url: URL;
  try {
    url = new URL(originHeader);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.pathname === '/' && isLoopbackHost(url.host, port);
}
