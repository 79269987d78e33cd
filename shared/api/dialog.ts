import { z } from 'zod';
import { PickedSource } from './imports';

export const FileFilter = z.object({ name: z.string(), extensions: z.array(z.string()) });


/**
 * The system's open dialog (saving goes through delivery.save: the page never sees a path). Only the desktop host has
 * them; the loopback host answers `refused`, and the page then offers upload / drag-and-drop instead.
 */
export const dialogApi = {
  /** Opens a file to import: the host keeps the chosen path and answers an id for imports.start. */
  'dialog.openFile': {
    request: z.object({
      title: z.string().optional(),
      kind: z.enum(['file', 'folder']).default('file'),
      filters: z.array(FileFilter).default([]),
    }),
    response: z.object({ picked: PickedSource.nullable() }),
  },
} as const;
