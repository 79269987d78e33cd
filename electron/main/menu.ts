import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly openDataFolder: () => void;
  readonly showAbout: () => void;
  readonly quit: () => void;
}

/** The application menu, in Chinese; the edit roles keep copy/paste working in tables and forms. */
export function menuTemplate(actions: MenuActions, devTools: boolean): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件',
      submenu: [
        { label: '打开数据文件夹', click: actions.openDataFolder },
        { type: 'separator' },
        { label: '退出', accelerator: 'CmdOrCtrl+Q', click: actions.quit },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' },
        { type: 'separator' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(devTools ? [{ label: '开发者工具', role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: '关于脱贫成效分析工作站', click: actions.showAbout }],
    },
  ];
}
