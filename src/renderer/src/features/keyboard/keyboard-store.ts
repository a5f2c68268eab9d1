import { create } from 'zustand';

/** Whether the shortcuts panel is open; the `?` key, the palette and the header's help button open it. */
export const useShortcutsPanel = create<{ opened: boolean; open(): void; close(): void }>((set) => ({
  opened: false,
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
}));
