import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayState } from '../notify/policy';
import { trayModel, type TrayInfo, type TrayItem } from '../notify/tray-model';

export interface TrayActions {
  open(): void;
  link(link: string): void;
  pause(minutes: number): void;
  quit(): void;
}

/** The tray icon: three states and the menu of trayModel. */
export class DeskTray {
  private readonly tray: Tray;
  private readonly icons: Record<TrayState, Electron.NativeImage>;

  constructor(
    resourcesDir: string,
    private readonly actions: TrayActions,
  ) {
    const icon = (name: TrayState) => nativeImage.createFromPath(join(resourcesDir, 'tray', `${name}.png`));
    this.icons = { ok: icon('ok'), running: icon('running'), failures: icon('failures') };
    this.tray = new Tray(this.icons.ok);
    this.tray.on('click', () => actions.open());
  }

  update(info: TrayInfo) {
    const model = trayModel(info, Date.now());
    this.tray.setImage(this.icons[model.state]);
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((i) => this.item(i))));
  }

  private item(i: TrayItem): MenuItemConstructorOptions {
    if (i.type === 'separator') return { type: 'separator' };
    const a = i.action;
    return {
      label: i.label,
      enabled: i.enabled ?? true,
      click: () => {
        if (a?.kind === 'open') this.actions.open();
        if (a?.kind === 'link') this.actions.link(a.link);
        if (a?.kind === 'pause') this.actions.pause(a.minutes);
        if (a?.kind === 'quit') this.actions.quit();
      },
    };
  }

  destroy() {
    this.tray.destroy();
  }
}
