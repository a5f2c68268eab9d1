import { ActionIcon, Button, Kbd, Tooltip } from '@mantine/core';
import { IconKeyboard, IconSearch } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useShortcutsPanel } from './keyboard-store';
import { palette } from './palette';
import { trackHistoryDepth } from './navigation';
import { ShortcutsPanel } from './ShortcutsPanel';
import { useShortcuts } from './use-shortcuts';

/** The shortcuts and their panel, mounted once in the shell (the shell mounts the palette beside it). */
export function KeyboardLayer() {
  useShortcuts();
  useEffect(trackHistoryDepth, []);
  return <ShortcutsPanel />;
}

/** Mod+K is Cmd+K on a Mac: the button says the keys of this machine. */
const paletteKeys = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl+K';

/** The header's ways into the palette and the shortcuts panel, for those who do not know the keys. */
export function KeyboardButtons() {
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconSearch size={14} stroke={1.6} />}
        rightSection={<Kbd size="xs">{paletteKeys}</Kbd>}
        onClick={() => palette.open()}
        // Its name is what it shows ("Go to… Ctrl K"), as speech input expects; the title says what it opens.
        title="Open the command palette"
        data-testid="open-palette"
      >
        Go to…
      </Button>
      <Tooltip label="Keyboard shortcuts (?)">
        <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts" onClick={() => useShortcutsPanel.getState().open()} data-testid="open-shortcuts">
          <IconKeyboard size={18} stroke={1.6} />
        </ActionIcon>
      </Tooltip>
    </>
  );
}
