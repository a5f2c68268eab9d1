import { create } from 'zustand';
import type { SecretStorageStatus } from '@shared/models';
import { call, transport } from '@renderer/transport/api';

interface SecretsState {
  status: SecretStorageStatus | null;
  busy: boolean;
  error: string | null;
  load(): Promise<void>;
  recheck(): Promise<void>;
  use(storage: 'keychain' | 'file'): Promise<boolean>;
}

/** Where the back end keeps credentials; the UI only shows it and asks for moves. */
export const useSecrets = create<SecretsState>((set) => {
  const run = async (fn: () => ReturnType<typeof call<'secrets.status'>>) => {
    set({ busy: true });
    const res = await fn();
    set(res.ok ? { status: res.value, busy: false, error: null } : { busy: false, error: res.message });
    return res.ok;
  };
  return {
    status: null,
    busy: false,
    error: null,
    load: async () => void (await run(() => call('secrets.status', {}))),
    recheck: async () => void (await run(() => call('secrets.recheck', {}))),
    use: (storage) => run(() => call('secrets.use', { storage })),
  };
});

transport.on('secrets.changed', (status) => useSecrets.setState({ status }));
