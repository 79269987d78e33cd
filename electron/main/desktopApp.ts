import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../shared/domain/product';
import { JobRunner } from '../core/jobs/jobRunner';
import { startPreparationOfNewest } from '../core/service/derivedJob';
import { defaultDatabasePath, userDataDir } from '../core/paths';
import { defaultSecretDir, desktopSecretStore, useSecretStore } from '../core/identity/secretStore';
import type { ServiceContext } from '../core/service/context';
import { packageRoot, rendererDir } from '../host/rendererDir';
import { openWorkstationDatabase } from '../host/workstationDatabase';
import { APP_START_URL, registerAppScheme, serveAppProtocol } from './appProtocol';
import { databaseArgument } from './databaseArgument';
import { electronDialogs } from './fileDialogs';
import { bindServiceToIpc } from './ipcBridge';
import { menuTemplate } from './menu';
import { printHtmlWithElectron } from './printToPdf';
import { preferSqliteAddon, sqliteAddonOverride } from './nativeSqlite';
import { guardWebContents, secureSession } from './security';
import { mainWindowOptions } from './windowOptions';

/**
 * The desktop host, kept thin: one window, its security, the menu, and the IPC binding of the
 * service. Everything the user sees comes from the renderer; everything it computes, from the core.
 * Resolves once the window has loaded (tests await it).
 */
export function runDesktopApp(): Promise<void> {
  const devTools = !app.isPackaged;
  // Electron's own data (cache, page storage) beside the database, in the folder the CLI uses too.
  app.setPath('userData', userDataDir());
  app.enableSandbox();
  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) {
    // A second window on the same SQLite file would only compete for it: hand over to the first.
    app.quit();
    return Promise.resolve();
  }

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  return app.whenReady().then(async () => {
    const addon = sqliteAddonOverride(app.isPackaged);
    if (addon) preferSqliteAddon(addon);
    // The ID hashing secrets sealed by the system keychain where it offers one (before any database opens).
    useSecretStore(desktopSecretStore(defaultSecretDir(), safeStorage));
    const named = databaseArgument(process.argv);
    const databasePath = named ?? defaultDatabasePath();
    mkdirSync(dirname(databasePath), { recursive: true });
    const { db } = await openWorkstationDatabase(databasePath, { demoIfEmpty: named === null });
    const workDir = mkdtempSync(join(app.getPath('temp'), 'tuopin-'));
    const context: ServiceContext = {
      db,
      databasePath,
      jobs: new JobRunner(),
      host: 'electron',
      workDir,
      dialogs: electronDialogs(dialog, () => mainWindow),
      printPdf: printHtmlWithElectron,
    };
    app.on('will-quit', () => {
      db.close();
      rmSync(workDir, { recursive: true, force: true });
    });

    // Analysis data of a database imported by an older version is prepared in the background.
    startPreparationOfNewest(context);
    secureSession(session.defaultSession, { devTools });
    serveAppProtocol(protocol, rendererDir());
    bindServiceToIpc(ipcMain, context);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            openDataFolder: () => void shell.openPath(dirname(databasePath)),
            showAbout: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: '关于',
                message: `${PRODUCT_NAME} ${PRODUCT_VERSION}`,
                detail: `县级脱贫成效分析的离线工作站。\n数据库：${databasePath}`,
              }),
            quit: () => app.quit(),
          },
          devTools,
        ),
      ),
    );

    const window = new BrowserWindow(
      mainWindowOptions({ preload: join(__dirname, '..', 'preload', 'preload.js'), icon: join(packageRoot(), 'resources', 'icon.png') }, devTools),
    );
    mainWindow = window;
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      mainWindow = null;
    });
    await window.loadURL(APP_START_URL);
  });
}
