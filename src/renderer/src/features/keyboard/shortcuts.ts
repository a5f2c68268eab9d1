/**
 * Every keyboard shortcut, as data: the shortcuts panel lists these and the hotkey binding binds
 * these, so what the panel says is what the keys do.
 */
export type ShortcutId = 'palette' | 'search' | 'new' | 'back' | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** Hotkeys in @mantine/hooks' notation; `mod` is Ctrl, or Cmd on a Mac. */
  hotkeys: string[];
  /** The keys as the panel shows them, one list per alternative. */
  keys: string[][];
  description: string;
  /** Also fires while the focus is in a text field. */
  inFields: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'palette', hotkeys: ['mod+K'], keys: [['Ctrl', 'K'], ['⌘', 'K']], description: 'Open the command palette', inFields: true },
  { id: 'search', hotkeys: ['/'], keys: [['/']], description: "Search this page's list (the preheat list where a page has none)", inFields: false },
  { id: 'new', hotkeys: ['N'], keys: [['N']], description: 'New preheat', inFields: false },
  { id: 'back', hotkeys: ['Escape'], keys: [['Esc']], description: 'Go back (a job goes back to the list); closes a dialog or menu first', inFields: true },
  // `?` is Shift+/ on most layouts and a plain key on others.
  { id: 'help', hotkeys: ['shift+?', '?'], keys: [['?']], description: 'Show these shortcuts', inFields: false },
];

/** The keys of one shortcut as words, e.g. "Ctrl+K or ⌘+K". */
export const keysText = (s: Shortcut) => s.keys.map((k) => k.join('+')).join(' or ');

/** The user is typing: a key there is text, not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    // Buttons, checkboxes and the like take no text.
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
  }
  return el.isContentEditable || el.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]') !== null;
}
