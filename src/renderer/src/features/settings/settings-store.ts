import { create } from 'zustand';
import type { Settings } from '@shared/models';
import { call, transport } from '@renderer/transport/api';

type SettingsPatch = Partial<Omit<Settings, 'version' | 'secretStorage'>>;

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  /** The last change was saved; said until the page closes or the next change. */
  saved: boolean;
  open(): Promise<void>;
  close(): void;
  /** Resolves to the back end's refusal, or null once saved. */
  update(patch: SettingsPatch): Promise<string | null>;
  /** The stored colour scheme, for the shell at start; the page's own state stays as it is. */
  storedColorScheme(): Promise<Settings['colorScheme'] | null>;
}

/** Only the desktop app has a tray to keep running in. */
export const onDesktop = transport.kind === 'electron';

const closed = { settings: null, error: null, saved: false };
let seq = 0;

export const useSettings = create<SettingsState>((set, get) => ({
  ...closed,
  async open() {
    const mine = ++seq;
    // What a change made while the page was closed said is not this visit's news.
    set({ error: null, saved: false });
    const r = await call('settings.get', {});
    if (mine !== seq) return;
    set(r.ok ? { settings: r.value } : { error: r.message });
  },
  close() {
    seq++;
    set(closed);
  },
  async update(patch) {
    // Switches flip at once; a refusal puts them back and says why.
    const before = get().settings;
    set({ saved: false, settings: before && { ...before, ...patch } });
    const r = await call('settings.update', patch);
    if (!r.ok) {
      set({ settings: before, error: r.message });
      return r.message;
    }
    set({ settings: r.value, error: null, saved: true });
    return null;
  },
  async storedColorScheme() {
    const r = await call('settings.get', {});
    return r.ok ? r.value.colorScheme : null;
  },
}));
