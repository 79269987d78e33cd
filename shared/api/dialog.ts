import { z } from 'zod';

export const FileFilter = z.object({ name: z.string(), extensions: z.array(z.string()) });

export const ChosenPath = z.object({
  /** null when the user closed the dialog without choosing. */
  path: z.string().nullable(),
});

/**
 * The system's file dialogs. Only the desktop host has them; the loopback host answers
 * `refused`, and the page then offers upload / drag-and-drop instead.
 */
export const dialogApi = {
  'dialog.openFile': {
    request: z.object({
      title: z.string().optional(),
      kind: z.enum(['file', 'folder']).default('file'),
      filters: z.array(FileFilter).default([]),
    }),
    response: ChosenPath,
  },
  'dialog.saveFile': {
    request: z.object({
      title: z.string().optional(),
      defaultName: z.string(),
      filters: z.array(FileFilter).default([]),
    }),
    response: ChosenPath,
  },
} as const;
