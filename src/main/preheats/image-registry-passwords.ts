import type { SecretStore } from '../secrets/secret-store';

/**
 * Registry passwords for image preheats live in the keychain, one per registry host and username, so
 * the form can leave the field empty the next time and the renderer never holds a stored one.
 */
const account = (registry: string, username: string) => `registry:${registry.toLowerCase()}:${username}`;

export class ImageRegistryPasswords {
  constructor(private readonly secrets: SecretStore) {}

  has(registry: string, username: string): Promise<boolean> {
    return this.secrets.get(account(registry, username)).then((v) => v !== null);
  }

  get(registry: string, username: string): Promise<string | null> {
    return this.secrets.get(account(registry, username));
  }

  remember(registry: string, username: string, password: string): Promise<void> {
    return this.secrets.set(account(registry, username), password);
  }

  forget(registry: string, username: string): Promise<void> {
    return this.secrets.delete(account(registry, username));
  }
}
