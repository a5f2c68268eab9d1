import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary, root } from '../../scripts/electron-binary.cjs';

const binary = electronBinary();

test.describe('Electron shell', () => {
  // Where the binary could not be downloaded (this machine has no route to it), say so instead of failing.
  test.skip(!binary.path, `Electron binary not installed: ${binary.reason}`);

  test('launches, opens its window on the overview and renders the preheat list', async () => {
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [root],
      env: { ...process.env, DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'desk-electron-')), DESK_SECRETS: 'memory' },
    });
    const win = await app.firstWindow();
    await expect(win.getByTestId('dashboard-empty')).toContainText('No managers yet');
    await win.getByRole('link', { name: 'Preheats' }).click();
    await expect(win.getByTestId('job-empty')).toContainText('No managers configured');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL())).toBe('app://desk/index.html');
    // The renderer has the bridge's functions and nothing of Node.
    expect(await win.evaluate(() => [typeof (window as { require?: unknown }).require, typeof (window as { desk?: Record<string, unknown> }).desk?.['managers.list']])).toEqual([
      'undefined',
      'function',
    ]);
    await app.close();
  });
});
