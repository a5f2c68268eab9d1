import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayState } from '../notify/policy';
import { trayModel, type TrayAction, type TrayInfo, type TrayItem } from '../notify/tray-model';

/** The tray icon: three states and the menu of trayModel; each item hands its action to `act`. */
export class DeskTray {
  private readonly tray: Tray;
  private readonly icons: Record<TrayState, Electron.NativeImage>;

  constructor(
    resourcesDir: string,
    private readonly act: (action: TrayAction) => void,
  ) {
    const icon = (name: TrayState) => nativeImage.createFromPath(join(resourcesDir, 'tray', `${name}.png`));
    this.icons = { ok: icon('ok'), running: icon('running'), failures: icon('failures') };
    this.tray = new Tray(this.icons.ok);
    this.tray.on('click', () => act({ kind: 'open' }));
  }

  update(info: TrayInfo) {
    const model = trayModel(info, Date.now());
    this.tray.setImage(this.icons[model.state]);
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((i) => this.item(i))));
  }

  private item(i: TrayItem): MenuItemConstructorOptions {
    if (i.type === 'separator') return { type: 'separator' };
    const { action, submenu } = i;
    return {
      label: i.label,
      enabled: i.enabled ?? true,
      ...(submenu ? { submenu: submenu.map((s) => this.item(s)) } : {}),
      ...(action ? { click: () => this.act(action) } : {}),
    };
  }

  destroy() {
    this.tray.destroy();
  }
}
