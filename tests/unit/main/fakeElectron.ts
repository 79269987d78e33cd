import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { keychainCipher } from '../identity/keychainCipher';

/**
 * A stand-in for the 'electron' module that records what the main process asks of it, so the
 * tests can check the window's settings, the session's filters and the IPC binding without an
 * Electron binary. Only what desktopApp.ts uses is here.
 */

type Listener = (...args: never[]) => unknown;

export interface RecordedWindow {
  readonly options: BrowserWindowConstructorOptions;
  loadedUrl: string | null;
}

export interface BeforeRequestDetails {
  url: string;
}

export const recorded = {
  appListeners: new Map<string, Listener[]>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  beforeRequest: null as null | ((
    details: BeforeRequestDetails, callback: (response: { cancel?: boolean }) => void,
  ) => void),
  headersReceived: null as null | ((
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void),
  permissionRequest: null as null | ((
    contents: unknown, permission: string, callback: (granted: boolean) => void,
  ) => void),
  permissionCheck: null as null | (() => boolean),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  menu: null as MenuItemConstructorOptions[] | null,
  windows: [] as RecordedWindow[],
  sandboxEnabled: false,
  userDataPath: null as string | null,
  /** What the system dialogs answer next: the folder chosen (null: closed) and the message box's button. */
  dialogAnswers: { folder: null as string | null, messageBoxResponse: 0 },
  /** The messages shown in message boxes, in order. */
  messageBoxes: [] as { message: string; detail?: string; buttons?: string[] }[],
  /** safeStorage: the system keychain of this fake desktop. */
  safeStorage: keychainCipher(),
};

export function resetRecorded(): void {
  recorded.appListeners.clear();
  recorded.privilegedSchemes = [];
  recorded.protocolHandlers.clear();
  recorded.beforeRequest = null;
  recorded.headersReceived = null;
  recorded.permissionRequest = null;
  recorded.permissionCheck = null;
  recorded.ipcHandlers.clear();
  recorded.menu = null;
  recorded.windows = [];
  recorded.sandboxEnabled = false;
  recorded.userDataPath = null;
  recorded.dialogAnswers = { folder: null, messageBoxResponse: 0 };
  recorded.messageBoxes = [];
}

export function fakeElectronModule(tempDir: () => string): Record<string, unknown> {
  const app = {
    isPackaged: false,
    setPath: (name: string, value: string) => {
      if (name === 'userData') recorded.userDataPath = value;
    },
    getPath: () => tempDir(),
    enableSandbox: () => {
      recorded.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    on: (event: string, listener: Listener) => {
      recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), listener]);
      return app;
    },
    whenReady: () => Promise.resolve(),
    quit: () => undefined,
    exit: () => undefined,
  };

  class BrowserWindow {
    private readonly record: RecordedWindow;
    constructor(options: BrowserWindowConstructorOptions) {
      this.record = { options, loadedUrl: null };
      recorded.windows.push(this.record);
    }
    once(): this {
      return this;
    }
    on(): this {
      return this;
    }
    show(): void {}
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
    loadURL(url: string): Promise<void> {
      this.record.loadedUrl = url;
      return Promise.resolve();
    }
  }

  return {
    app,
    BrowserWindow,
    safeStorage: recorded.safeStorage,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        recorded.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
        recorded.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (listener: typeof recorded.beforeRequest) => {
            recorded.beforeRequest = listener;
          },
          onHeadersReceived: (listener: typeof recorded.headersReceived) => {
            recorded.headersReceived = listener;
          },
        },
        setPermissionRequestHandler: (handler: typeof recorded.permissionRequest) => {
          recorded.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: typeof recorded.permissionCheck) => {
          recorded.permissionCheck = handler;
        },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
        recorded.ipcHandlers.set(channel, handler);
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => {
        recorded.menu = menu;
      },
    },
    dialog: {
      showOpenDialog: (...args: unknown[]) => {
        const options = args[args.length - 1] as { properties?: string[] };
        const folder = options.properties?.includes('openDirectory') ? recorded.dialogAnswers.folder : null;
        return Promise.resolve(
          folder === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [folder] },
        );
      },
      showSaveDialog: () => Promise.resolve({ canceled: true }),
      showMessageBox: (...args: unknown[]) => {
        recorded.messageBoxes.push(args[args.length - 1] as { message: string; detail?: string; buttons?: string[] });
        return Promise.resolve({ response: recorded.dialogAnswers.messageBoxResponse });
      },
      showErrorBox: () => undefined,
    },
    shell: { openPath: () => Promise.resolve('') },
  };
}

/** A fake WebContents that records the guards main installs on it. */
export function fakeWebContents(): {
  contents: unknown;
  emit: (event: string, url?: string) => { prevented: boolean };
  openWindow: (url: string) => unknown;
} {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on: (event: string, listener: Listener) => {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      windowOpenHandler = handler;
    },
  };
  return {
    contents,
    emit: (event, url) => {
      const state = { prevented: false };
      const listener = listeners.get(event) as ((e: { preventDefault(): void }, url?: string) => void) | undefined;
      if (!listener) throw new Error(`no listener for ${event}`);
      listener({ preventDefault: () => (state.prevented = true) }, url);
      return state;
    },
    openWindow: (url) => {
      if (!windowOpenHandler) throw new Error('no window open handler');
      return windowOpenHandler({ url });
    },
  };
}
