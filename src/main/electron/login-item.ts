import { app } from 'electron';
import { APP_DIR_NAME } from '../data-dir';
import { setAutostart } from './autostart';

/** The argument a login start carries: the app starts in the tray, without its window. */
export const HIDDEN_ARG = '--hidden';

/**
 * Apply Settings → "Start at login" to the OS. Only an installed app registers itself: from a
 * development checkout the OS would start the bare Electron binary. Linux has no login items in
 * Electron, so it gets an XDG autostart entry; macOS and Windows get Electron's login item.
 */
export async function applyStartAtLogin(enabled: boolean): Promise<void> {
  if (!app.isPackaged) return;
  if (process.platform === 'linux') {
    // An AppImage runs from a new mount point each time; $APPIMAGE is the file the user keeps.
    const program = process.env.APPIMAGE || process.execPath;
    await setAutostart(enabled, { desktopName: `${APP_DIR_NAME}.desktop`, appName: app.getName(), command: [program, HIDDEN_ARG] });
  } else {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
  }
}
