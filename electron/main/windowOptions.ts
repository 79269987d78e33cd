import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../../shared/domain/product';

/** The main window: sized for a 1366×768 office screen, and sandboxed like a web page. */
export function mainWindowOptions(
  paths: { readonly preload: string; readonly icon: string }, devTools: boolean,
): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    title: PRODUCT_NAME,
    icon: paths.icon,
    show: false,
    backgroundColor: '#f3f5f8',
    autoHideMenuBar: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools,
    },
  };
}
