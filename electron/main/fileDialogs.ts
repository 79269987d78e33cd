import type { BrowserWindow, Dialog } from 'electron';
import type { HostDialogs } from '../core/service/context';

/** The system open/save dialogs and message box, attached to the main window when it exists. */
export function electronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>, window: () => BrowserWindow | null,
): HostDialogs {
  return {
    async openFile(options) {
      const dialogOptions = {
        title: options.title ?? (options.kind === 'folder' ? '选择文件夹' : '选择文件'),
        properties: [options.kind === 'folder' ? ('openDirectory' as const) : ('openFile' as const)],
        filters: options.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
      };
      const owner = window();
      const result = owner ? await dialog.showOpenDialog(owner, dialogOptions)
        : await dialog.showOpenDialog(dialogOptions);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(options) {
      const dialogOptions = {
        title: options.title ?? '保存文件',
        defaultPath: options.defaultName,
        filters: options.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
      };
      const owner = window();
      const result = owner ? await dialog.showSaveDialog(owner, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async ask(question) {
      // The cancelling button is the default and the one Esc chooses: nothing is written by accident.
      const options = {
        type: 'question' as const,
        title: question.title,
        message: question.message,
        detail: question.detail ?? '',
        buttons: [question.cancelLabel, question.confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const owner = window();
      const result = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
      return result.response === 1;
    },
  };
}
