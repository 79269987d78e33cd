import { app, dialog } from 'electron';
import { runDesktopApp } from './desktopApp';

runDesktopApp().catch((err: unknown) => {
  dialog.showErrorBox('脱贫成效分析工作站无法启动', err instanceof Error ? err.message : String(err));
  app.exit(1);
});
