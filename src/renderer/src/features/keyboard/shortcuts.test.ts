import { describe, expect, it } from 'vitest';
import { isTypingTarget, keysText, SHORTCUTS } from './shortcuts';

describe('the shortcut list', () => {
  it('has each shortcut once, with keys to bind and to show', () => {
    expect(SHORTCUTS.map((s) => s.id)).toEqual(['palette', 'search', 'new', 'back', 'help']);
    for (const s of SHORTCUTS) {
      expect(s.hotkeys.length).toBeGreaterThan(0);
      expect(s.keys.length).toBeGreaterThan(0);
      expect(s.description).not.toBe('');
    }
    expect(new Set(SHORTCUTS.flatMap((s) => s.hotkeys)).size).toBe(SHORTCUTS.flatMap((s) => s.hotkeys).length);
  });

  it('lets only the palette and Esc through while typing', () => {
    expect(SHORTCUTS.filter((s) => s.inFields).map((s) => s.id)).toEqual(['palette', 'back']);
  });

  it('says the keys in words', () => {
    expect(keysText(SHORTCUTS[0]!)).toBe('Ctrl+K or ⌘+K');
  });
});

describe('is the user typing', () => {
  const el = (html: string, pick = (root: HTMLElement) => root.firstElementChild as HTMLElement) => {
    const root = document.createElement('div');
    root.innerHTML = html;
    document.body.append(root);
    return pick(root);
  };

  it.each([
    ['<input>', true],
    ['<input type="search">', true],
    ['<input type="number">', true],
    ['<textarea></textarea>', true],
    ['<select></select>', true],
    ['<input type="checkbox">', false],
    ['<input type="radio">', false],
    ['<button>Go</button>', false],
    ['<div tabindex="0">row</div>', false],
  ])('%s → %s', (html, typing) => expect(isTypingTarget(el(html))).toBe(typing));

  it('inside a contenteditable', () => {
    expect(isTypingTarget(el('<div contenteditable="true"><p>text</p></div>', (r) => r.querySelector('p')!))).toBe(true);
  });

  it('not on the page itself or no target', () => {
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(window)).toBe(false);
  });
});
