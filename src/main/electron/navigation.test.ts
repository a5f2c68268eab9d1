import { describe, expect, it } from 'vitest';
import { APP_ENTRY, externalTarget, isAppUrl, isTrustedSender } from './navigation';

describe('navigation and IPC sender rules', () => {
  it('only the app scheme and host count as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://desk/#/preheats/x/1')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://desk/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens only http(s) links externally, without embedded credentials', () => {
    expect(externalTarget('https://d7y.io/docs')).toBe('https://d7y.io/docs');
    expect(externalTarget('http://manager:8080/')).toBe('http://manager:8080/');
    expect(externalTarget('file:///etc/passwd')).toBeNull();
    expect(externalTarget('javascript:alert(1)')).toBeNull();
    expect(externalTarget('smb://host/share')).toBeNull();
    expect(externalTarget('https://user:pw@host/')).toBeNull();
  });

  it('answers IPC only from the app main frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY, parent: null })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
