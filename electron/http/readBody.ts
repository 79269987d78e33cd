import type { IncomingMessage } from 'node:http';

/** The body was larger than the host accepts for this kind of request. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`请求内容超过上限 ${Math.round(limitBytes / 1024 / 1024)} MB`);
  }
}

/** Reads a request body, stopping (and rejecting) as soon as it passes `limitBytes`. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limitBytes) {
      reject(new BodyTooLarge(limitBytes));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limitBytes) {
        failed = true;
        reject(new BodyTooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolvePromise(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}
