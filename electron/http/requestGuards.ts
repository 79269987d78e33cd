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
