import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('main window options (Electron security checklist)', () => {
  const prefs = mainWindowOptions('/app/preload/index.js').webPreferences!;

  it('isolates and sandboxes the renderer, with no Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and risky features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the preload it was given', () => {
    expect(prefs.preload).toBe('/app/preload/index.js');
  });
});
