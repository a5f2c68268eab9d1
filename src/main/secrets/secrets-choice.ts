/** Where a launch keeps credentials when `--secrets` (or DESK_SECRETS) says so. */
export type SecretsChoice = 'keychain' | 'file' | 'memory';

/** The `--secrets` value of either entry point, checked: a mistyped one must not quietly mean the keychain. */
export function secretsChoice(value: string | undefined): SecretsChoice | undefined {
  if (value === undefined || value === 'keychain' || value === 'file' || value === 'memory') return value;
  throw new Error(`--secrets must be "keychain", "file" (not encrypted) or "memory" (this run only), not "${value}"`);
}
