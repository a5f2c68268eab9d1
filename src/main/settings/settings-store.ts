import { join } from 'node:path';
import { Settings } from '../../shared/models';
import { VersionedJsonFile } from '../storage/versioned-json';

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  notifyPartial: true,
  pausedUntil: null,
  closeToTray: false,
  historyRetentionDays: 30,
  historyMaxMB: 200,
  secretStorage: 'keychain',
  openDraftId: null,
  mutedManagers: {},
  colorScheme: 'auto',
  startAtLogin: false,
};

/** The user's settings, one versioned file. */
export class SettingsStore {
  private value: Settings = DEFAULT_SETTINGS;
  private readonly file: VersionedJsonFile<typeof Settings>;
  private readonly listeners = new Set<(s: Settings) => void>();
  notice: string | null = null;

  constructor(opts: { dataDir: string }) {
    this.file = new VersionedJsonFile(join(opts.dataDir, 'settings.json'), Settings, () => DEFAULT_SETTINGS);
  }

  async load() {
    const { value, setAside } = await this.file.load();
    this.value = value;
    if (setAside) this.notice = `The settings could not be read (${setAside.reason}); they were set aside as ${setAside.path} and the defaults apply.`;
  }

  get(): Settings {
    return this.value;
  }

  async update(patch: Partial<Omit<Settings, 'version'>>): Promise<Settings> {
    this.value = Settings.parse({ ...this.value, ...patch });
    await this.file.save(this.value);
    for (const l of this.listeners) l(this.value);
    return this.value;
  }

  onChange(listener: (s: Settings) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
