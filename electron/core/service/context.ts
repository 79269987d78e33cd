import type { Db } from '../db/database';
import type { JobRunner } from '../jobs/jobRunner';

/** What every handler may use: the open database, where it lives, the job runner, the host kind. */
export interface ServiceContext {
  readonly db: Db;
  readonly databasePath: string;
  readonly jobs: JobRunner;
  readonly host: 'electron' | 'http' | 'cli';
  /** A folder for uploaded files and temporary exports (the HTTP host's uploads land here). */
  readonly workDir: string;
  /** The system's file dialogs; only the desktop host has them (dialog.* refuse without). */
  readonly dialogs?: HostDialogs;
  /**
   * Prints an HTML document to PDF. The desktop host passes Electron's printToPDF; without it the
   * report drives an installed Chromium-family browser.
   */
  readonly printPdf?: (html: string, outPath: string, signal?: { readonly cancelled: boolean }) => Promise<void>;
}

export interface DialogFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/** A yes/no question in the system's message box: what is at stake, and the two buttons' words. */
export interface HostQuestion {
  readonly title: string;
  readonly message: string;
  readonly detail?: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
}

/**
 * Dialogs a host may offer; a file dialog resolves to the chosen path, or null when cancelled; a
 * question to true only when the user pressed the confirming button.
 */
export interface HostDialogs {
  openFile(options: { title?: string; kind: 'file' | 'folder'; filters: readonly DialogFilter[] }): Promise<string | null>;
  saveFile(options: { title?: string; defaultName: string; filters: readonly DialogFilter[] }): Promise<string | null>;
  ask(question: HostQuestion): Promise<boolean>;
}
