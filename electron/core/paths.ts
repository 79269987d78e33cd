import { homedir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_NAME } from '../../shared/domain/product';

/**
 * The app's own data folder, the same one Electron's app.getPath('userData') gives, so the CLI
 * and the desktop app open the same database by default.
 */
export function userDataDir(): string {
  if (process.env.TUOPIN_DATA_DIR) return process.env.TUOPIN_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function defaultDatabasePath(): string {
  return join(userDataDir(), 'tuopin.sqlite');
}
