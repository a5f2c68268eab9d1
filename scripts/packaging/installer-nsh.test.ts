import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const config = createRequire(import.meta.url)(join(root, 'electron-builder.config.cjs'));
const include = join(root, config.nsis.include);
const hasMakensis = spawnSync('sh', ['-c', 'command -v makensis'], { stdio: 'ignore' }).status === 0;

describe('the NSIS include that registers dragonfly-desk:// on Windows', () => {
  it('writes the URL scheme to the app it installs, with the link as its argument, and deletes it on uninstall', () => {
    const nsh = readFileSync(include, 'utf8');
    expect(nsh).toContain('WriteRegStr SHCTX "Software\\Classes\\dragonfly-desk" "URL Protocol" ""');
    expect(nsh).toContain(`'"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "%1"'`);
    expect(nsh).toMatch(/!macro customUnInstall\s+DeleteRegKey SHCTX "Software\\Classes\\dragonfly-desk"/);
    expect(config.protocols[0].schemes).toEqual(['dragonfly-desk']);
  });

  it('compiles with makensis inside an installer and an uninstaller', (ctx) => {
    if (!hasMakensis) return ctx.skip('makensis is not installed (sudo apt-get install nsis; npm test installs it as root)');
    const dir = mkdtempSync(join(tmpdir(), 'desk-nsis-'));
    writeFileSync(
      join(dir, 'wrapper.nsi'),
      [
        'Unicode true',
        '!define APP_EXECUTABLE_FILENAME "Dragonfly Desk.exe"',
        `!include "${include}"`,
        `OutFile "${join(dir, 'dragonfly-desk-installer.exe')}"`,
        'RequestExecutionLevel user',
        'Section "install"',
        '  !insertmacro customInstall',
        `  WriteUninstaller "$INSTDIR\\uninstall.exe"`,
        'SectionEnd',
        'Section "Uninstall"',
        '  !insertmacro customUnInstall',
        'SectionEnd',
        '',
      ].join('\n'),
    );
    const run = spawnSync('makensis', ['-V2', '-WX', join(dir, 'wrapper.nsi')], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
