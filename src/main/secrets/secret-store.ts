/** Where secrets live. Only main-process code holds one; nothing it returns crosses to the UI. */
export interface SecretStore {
  /** A short name for Settings and diagnostics, e.g. "OS keychain (Secret Service)". */
  readonly backend: string;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<void>;
}

/** A store whose secrets can be listed, so they can be moved to another store. */
export interface ListableSecretStore extends SecretStore {
  entries(): Promise<{ account: string; value: string }[]>;
}

export const SECRET_SERVICE = 'dragonfly-desk';

export const secretAccount = {
  password: (managerId: string) => `manager:${managerId}:password`,
  pat: (managerId: string) => `manager:${managerId}:pat`,
  session: (managerId: string) => `manager:${managerId}:session`,
};
