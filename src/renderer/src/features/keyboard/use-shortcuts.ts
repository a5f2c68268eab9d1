import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { useRoute } from '@renderer/app/route';
import { palette } from './palette';
import { useShortcutsPanel } from './keyboard-store';
import { canGoBack, parentOf, searchFieldOf } from './navigation';
import { isTypingTarget, SHORTCUTS, type ShortcutId } from './shortcuts';

/** A dialog, menu, dropdown or the palette is open: Esc and letters belong to it. */
const overlayOpen = () =>
  [...document.querySelectorAll('[role="dialog"], [role="menu"], [role="listbox"], [role="alertdialog"]')].some((el) => el.getClientRects().length > 0);

/** Focus a field that may appear only once its page has rendered; gives up after about a second. */
function focusWhenShown(testId: string, tries = 60) {
  const el = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
  if (el) {
    el.focus();
    el.select();
  } else if (tries > 0) requestAnimationFrame(() => focusWhenShown(testId, tries - 1));
}

/** What each shortcut does; false: it did nothing, so the key keeps its usual effect. */
const ACTIONS: Record<ShortcutId, (e: KeyboardEvent) => boolean> = {
  palette: () => (palette.toggle(), true),
  search: () => {
    if (overlayOpen()) return false;
    const { testId, route } = searchFieldOf(useRoute.getState().route);
    if (route) useRoute.getState().go(route);
    focusWhenShown(testId);
    return true;
  },
  new: () => {
    if (overlayOpen()) return false;
    useRoute.getState().go({ page: 'new' });
    return true;
  },
  back: (e) => {
    if (e.defaultPrevented || overlayOpen()) return false;
    // In a field, Esc first leaves the field; the next one goes back.
    if (isTypingTarget(e.target)) return (e.target as HTMLElement).blur(), true;
    if (canGoBack()) return history.back(), true;
    const parent = parentOf(useRoute.getState().route);
    if (parent) useRoute.getState().go(parent);
    return parent !== null;
  },
  help: () => {
    if (overlayOpen()) return false;
    useShortcutsPanel.getState().open();
    return true;
  },
};

/** Bind every shortcut of SHORTCUTS on the whole window. */
export function useShortcuts() {
  const items: HotkeyItem[] = SHORTCUTS.flatMap((s) =>
    s.hotkeys.map((hotkey): HotkeyItem => [
      hotkey,
      (e) => {
        if (!s.inFields && isTypingTarget(e.target)) return;
        if (ACTIONS[s.id](e)) e.preventDefault();
      },
      { preventDefault: false },
    ]),
  );
  // Fields are not ignored wholesale: each shortcut says whether it fires there.
  useHotkeys(items, [], true);
}
