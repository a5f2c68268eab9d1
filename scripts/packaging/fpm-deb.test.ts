import { describe, expect, it } from 'vitest';
import { controlFile, parseFpmArgs } from './fpm-deb.mjs';

const base = ['-s', 'dir', '--force', '-t', 'deb', '--name', 'dragonfly-desk', '--version', '0.1.0', '--architecture', 'amd64', '--package', '/tmp/x.deb'];

describe('fpm-deb, the dpkg-deb stand-in for fpm', () => {
  it('reads what electron-builder passes: dependencies, recommends and src=dest mappings, with spaces in paths', () => {
    const opts = parseFpmArgs([...base, '-d', 'libnss3', '-d', 'libsecret-1-0', '--deb-recommends', 'libappindicator3-1', '/out/linux-unpacked/=/opt/Dragonfly Desk', '/b/16x16.png=/usr/share/icons/hicolor/16x16/apps/d.png']);
    expect(opts.depends).toEqual(['libnss3', 'libsecret-1-0']);
    expect(opts.recommends).toEqual(['libappindicator3-1']);
    expect(opts.mappings).toEqual([
      { from: '/out/linux-unpacked/', to: '/opt/Dragonfly Desk' },
      { from: '/b/16x16.png', to: '/usr/share/icons/hicolor/16x16/apps/d.png' },
    ]);
  });

  it('refuses what it cannot make and options it does not know, instead of guessing', () => {
    expect(() => parseFpmArgs(base.map((a) => (a === 'deb' ? 'rpm' : a)))).toThrow(/only a deb/);
    expect(() => parseFpmArgs([...base, '--deb-systemd', 'x.service'])).toThrow(/does not support --deb-systemd/);
    expect(() => parseFpmArgs([...base, 'no-destination'])).toThrow(/<source>=<destination>/);
    expect(() => parseFpmArgs(base.filter((a) => a !== '--version' && a !== '0.1.0'))).toThrow(/--version is required/);
  });

  it('writes a control file dpkg reads: the synopsis on the Description line, the long text indented below', () => {
    const control = controlFile(parseFpmArgs([...base, '-d', 'libnss3', '-d', 'xdg-utils', '--description', 'Short\n Long text.\n\n More.']), 42);
    expect(control).toContain('Package: dragonfly-desk\nVersion: 0.1.0\n');
    expect(control).toContain('Installed-Size: 42\nDepends: libnss3, xdg-utils\n');
    expect(control).toMatch(/Description: Short\n Long text\.\n \.\n More\.\n$/);
  });
});
