import { z } from 'zod';

/** An opaque name for a file the core wrote for the user; never a path. */
export const DeliveryId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '文件编号不正确');

/**
 * A file the core wrote for the user (an export, a report). The page never sees where it lies:
 * it hands the id back to be downloaded (browser host) or saved where the user chooses (desktop).
 */
export const Delivery = z.object({
  id: DeliveryId,
  /** The name the file is offered under (the save dialog's default, the download's name). */
  fileName: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  /** SHA-256 of the file's bytes, lower-case hex: what export logs record. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Delivery = z.infer<typeof Delivery>;

export const SavedDelivery = z.object({
  /** false when the user closed the save dialog. */
  saved: z.boolean(),
  /** Where the user chose to save it (shown back to them), null when not saved. */
  savedAs: z.string().nullable(),
});
export type SavedDelivery = z.infer<typeof SavedDelivery>;

export const deliveryApi = {
  /** Desktop only: asks where to save a delivered file with the system's save dialog, then copies it there. */
  'delivery.save': {
    request: z.object({ id: DeliveryId, title: z.string().optional() }),
    response: SavedDelivery,
  },
} as const;

/** HTTP path prefix under which the loopback host serves a delivery's bytes (GET, token header). */
export const HTTP_DOWNLOAD_PREFIX = '/download/';
