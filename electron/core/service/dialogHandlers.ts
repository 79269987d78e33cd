import type { HandlerMap } from './handlers';
import type { HostDialogs } from './context';
import { registerPickedSource } from '../import/pickedSources';
import { Refusal } from '../refusal';

function dialogsOf(dialogs: HostDialogs | undefined): HostDialogs {
  if (!dialogs) {
    throw new Refusal('refused', '浏览器中无法打开系统文件对话框：请把文件拖到页面上，或点击“上传文件”。');
  }
  return dialogs;
}

export const dialogHandlers: HandlerMap<'dialog.openFile'> = {
  /** The chosen path stays here; the page gets an id for imports.start. */
  'dialog.openFile': async (ctx, req) => {
    const path = await dialogsOf(ctx.dialogs).openFile(req);
    return { picked: path === null ? null : registerPickedSource(ctx, path) };
  },
};
