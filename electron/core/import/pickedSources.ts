import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { PickedSource } from '../../../shared/api/imports';

interface Picked {
  readonly path: string;
  readonly name: string;
}

/** Per service context (one per host run): the files its user picked or uploaded, by id. */
const registries = new WeakMap<object, Map<string, Picked>>();

function registryOf(ctx: object): Map<string, Picked> {
  let r = registries.get(ctx);
  if (!r) {
    r = new Map();
    registries.set(ctx, r);
  }
  return r;
}

/**
 * Records a file the user chose in the host's own dialog or uploaded, and returns the id the page
 * may name in imports.start. Only the host registers (its dialog, its upload handler): a path the
 * page makes up has no id, so no call reads a file the user did not pick.
 */
export function registerPickedSource(ctx: object, path: string, name: string = basename(path)): PickedSource {
  const source = randomBytes(18).toString('base64url');
  registryOf(ctx).set(source, { path, name });
  return { source, name };
}

/** The path behind a picked file's id, or null for an id this host did not give. */
export function pickedSourcePath(ctx: object, source: string): string | null {
  return registries.get(ctx)?.get(source)?.path ?? null;
}
