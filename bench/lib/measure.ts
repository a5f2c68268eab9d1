import { chromium, type Browser, type Page } from '@playwright/test';
import { startWebApp } from '../../scripts/lib/processes.cjs';
import type { Simulator } from '../../tools/manager-sim/simulator';

/** What the browser benchmarks share: Debian's Chromium, the app under test, and timings taken inside the page. */

const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export function launchChromium() {
  return chromium.launch(CHROMIUM);
}

/** Chromium with a profile kept in `userDataDir` (its caches among it), as the desktop app keeps its own. */
export function launchChromiumProfile(userDataDir: string) {
  return chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, viewport: { width: 1440, height: 900 } });
}

// Page scripts are strings: tsx would wrap functions in helpers the page does not have.

/** Scroll an element through its whole height in `steps` jumps (down, or up from the bottom), timing every frame. */
export function scrollFrames(page: Page, selector: string, steps: number, direction: 'down' | 'up' = 'down'): Promise<number[]> {
  return page.evaluate(`(async () => {
    const list = document.querySelector(${JSON.stringify(selector)});
    const times = [];
    let last = performance.now();
    let running = true;
    const tick = () => {
      const now = performance.now();
      times.push(now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const step = (list.scrollHeight / ${steps}) * ${direction === 'down' ? 1 : -1};
    for (let i = 0; i < ${steps}; i++) {
      list.scrollTop += step;
      await new Promise((r) => requestAnimationFrame(r));
    }
    running = false;
    return times.slice(1);
  })()`) as Promise<number[]>;
}

/**
 * Type each word into an input, one key at a time, timing each keystroke until `changed()` (a page
 * expression) turns true after it, e.g. a data attribute that counts the answers applied.
 */
export async function keystrokes(page: Page, inputSelector: string, words: string[], until: { attr: string; selector: string } | 'next-frame'): Promise<number[]> {
  const input = page.locator(inputSelector);
  const out: number[] = [];
  for (const word of words) {
    await input.fill('');
    await page.waitForTimeout(300);
    for (const ch of word) {
      const script =
        until === 'next-frame'
          ? // Filtering in the page: from the keydown to the frame painted after it.
            `new Promise((resolve) => {
              document.querySelector(${JSON.stringify(inputSelector)}).addEventListener('keydown', () => {
                const start = performance.now();
                requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
              }, { once: true });
            })`
          : `new Promise((resolve) => {
              const read = () => document.querySelector(${JSON.stringify(until.selector)})?.getAttribute(${JSON.stringify(until.attr)});
              const before = read();
              document.querySelector(${JSON.stringify(inputSelector)}).addEventListener('keydown', () => {
                const start = performance.now();
                const check = () => (read() !== before ? resolve(performance.now() - start) : requestAnimationFrame(check));
                requestAnimationFrame(check);
              }, { once: true });
            })`;
      const measured = page.evaluate(script) as Promise<number>;
      await input.press(ch);
      out.push(await measured);
    }
  }
  await input.fill('');
  return out;
}

/**
 * Wait until the page shows `selector` (holding `text`, if given, with spaces collapsed as getByText
 * does), checked on every frame. A locator's `waitFor` polls at growing intervals, 500 ms apart after
 * the first 270 ms: a phase timed through it measured that polling as much as the app.
 */
export function shown(page: Page, selector: string, text?: string, timeout = 60_000) {
  return page.waitForFunction(
    ([sel, txt]) => Array.from(document.querySelectorAll(sel)).some((e) => txt === null || (e.textContent ?? '').replace(/\s+/g, ' ').includes(txt)),
    [selector, text ?? null] as const,
    { polling: 'raf', timeout },
  );
}

/** The overview has every one of its `clusters` rows and no manager still updating, checked on every frame. */
export async function overviewLoaded(page: Page, clusters: number, timeout = 60_000) {
  await shown(page, '[data-testid=cluster-count]', `${clusters} of ${clusters} clusters`, timeout);
  await page.waitForFunction(() => !document.querySelector('[data-testid=dashboard-updated]')?.textContent?.includes('updating'), null, { polling: 'raf', timeout });
}

/** The wall-clock time (ms since the epoch) now, comparable with `SHOWN_AT`'s. */
export const epochNow = () => performance.timeOrigin + performance.now();

/**
 * An init script: when `selector` first enters the document, `window.__shownAt` is set to the
 * wall-clock time of the frame after the one that drew it (two animation frames on), so a page load
 * can be timed from outside the page without polling.
 */
export const SHOWN_AT = (selector: string) => `new MutationObserver((_, o) => {
  if (!document.querySelector(${JSON.stringify(selector)})) return;
  o.disconnect();
  requestAnimationFrame(() => requestAnimationFrame(() => { window.__shownAt = performance.timeOrigin + performance.now(); }));
}).observe(document, { subtree: true, childList: true });`;

/** `SHOWN_AT`'s time, once it is set. */
export async function shownAt(page: Page, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt, undefined, { polling: 'raf', timeout });
  return (await handle.jsonValue()) as number;
}

/**
 * A manager refuses a user's sign-in within about a second of the previous one (manager-api.md; the
 * simulator's window is 1 s), and the client tries again 1.2 s later. Rounds that add the same managers
 * again wait this long after removing them: back to back, they timed that pause, which someone adding a
 * manager does not meet.
 */
export const SIGN_IN_GAP_MS = 2000;

type WebApp = Awaited<ReturnType<typeof startWebApp>>;

/**
 * Start the web back end and Chromium over a seeded simulator, run `body`, then close all three
 * however it ended. The watcher runs at its own pace, as for a user, unless `refreshMs` sets it.
 */
export async function inBrowser(sim: Pick<Simulator, 'close'> | { close(): void }, body: (app: WebApp, browser: Browser) => Promise<void>, refreshMs?: number) {
  const app = await startWebApp({ secrets: 'memory', extra: refreshMs === undefined ? [] : ['--refresh-ms', String(refreshMs)] });
  const browser = await launchChromium();
  try {
    await body(app, browser);
  } finally {
    await browser.close();
    app.child.kill('SIGTERM');
    await sim.close();
  }
}

/** `fn` once to warm up, then `times` timed runs (ms each). `between` runs untimed after each. */
export async function repeat(times: number, fn: () => Promise<void>, between?: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i <= times; i++) {
    const t0 = performance.now();
    await fn();
    if (i > 0) out.push(performance.now() - t0);
    await between?.();
  }
  return out;
}

/** Run a benchmark's main; a failure prints and exits 1. */
export function run(main: () => Promise<void>) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
