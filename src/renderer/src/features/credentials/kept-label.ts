import type { SecretStorageStatus } from '@shared/models';

/** How a manager's stored secret is kept, in words, when it is not the OS keychain. */
export function keptLabel(kept: SecretStorageStatus['mode'] | null): string | null {
  if (kept === 'memory') return 'kept until Dragonfly Desk quits';
  if (kept === 'file') return 'in secrets.json, not encrypted';
  return null;
}
