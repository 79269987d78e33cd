import type { Delivery } from '../../../shared/api/delivery';
import { ApiCallError, call } from './client';
import { transport, TransportFailure } from './transport';

export interface DeliveryOutcome {
  /** false when the user closed the desktop save dialog. */
  readonly saved: boolean;
  /** The desktop path the user chose; null for a browser download (the browser says where). */
  readonly savedAs: string | null;
}

/**
 * Hands a file the core wrote to the user: a download in the browser host, the system's save dialog
 * in the desktop app. Views call this after any export; they never name a path themselves.
 */
export async function deliver(delivery: Delivery, title?: string): Promise<DeliveryOutcome> {
  let blob: Blob | null;
  try {
    blob = await transport().download(delivery.id);
  } catch (err) {
    if (err instanceof TransportFailure) throw new ApiCallError({ code: 'internal', message: err.message });
    throw err;
  }
  if (blob === null) return call('delivery.save', { id: delivery.id, ...(title ? { title } : {}) });
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = delivery.fileName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the bytes to the browser's download; the object URL can go a moment later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return { saved: true, savedAs: null };
}
