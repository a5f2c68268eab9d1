import { ActionIcon, Menu, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { useEffect, useEffectEvent } from 'react';
import { useSettings } from './settings-store';

export const SCHEME_LABELS: Record<MantineColorScheme, string> = { auto: 'Auto', light: 'Light', dark: 'Dark' };

/**
 * The stored colour scheme drives Mantine's. Until the back end answers, Mantine's own last choice
 * (kept in local storage) shows, so a reload does not flash; the stored setting wins once it comes.
 */
export function useColorSchemeSetting() {
  const { setColorScheme } = useMantineColorScheme();
  // Mantine makes a new setter on every render: as a dependency it re-ran the effect, and asked the
  // back end again, each time the shell rendered (five times on a page load).
  const apply = useEffectEvent((scheme: MantineColorScheme) => setColorScheme(scheme));
  useEffect(() => {
    let live = true;
    void useSettings
      .getState()
      .storedColorScheme()
      .then((scheme) => {
        if (live && scheme) apply(scheme);
      });
    // Any change through the settings store, from Settings or the header, and its undo on a refusal.
    const off = useSettings.subscribe((s, prev) => {
      const scheme = s.settings?.colorScheme;
      if (scheme && scheme !== prev.settings?.colorScheme) apply(scheme);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
}

/** Save a colour scheme; it shows at once, and goes back if the back end refuses (Settings open or not). */
export function useChooseColorScheme() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (scheme: MantineColorScheme) => {
    const previous = colorScheme;
    setColorScheme(scheme);
    void useSettings
      .getState()
      .update({ colorScheme: scheme })
      .then((refused) => refused && setColorScheme(previous));
  };
}

const ICONS = { auto: IconDeviceDesktop, light: IconSun, dark: IconMoon };

/** The header's switch: shows the scheme in use and offers the three. */
export function ColorSchemeMenu() {
  const { colorScheme } = useMantineColorScheme();
  const choose = useChooseColorScheme();
  const Icon = ICONS[colorScheme];
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={`Colour scheme: ${SCHEME_LABELS[colorScheme]}`} data-testid="header-color-scheme">
          <Icon size={18} stroke={1.6} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Colour scheme</Menu.Label>
        {(['auto', 'light', 'dark'] as const).map((s) => {
          const ItemIcon = ICONS[s];
          return (
            // The button's label says which one is in use; the check mark shows it.
            <Menu.Item
              key={s}
              leftSection={<ItemIcon size={16} stroke={1.6} />}
              rightSection={s === colorScheme ? <IconCheck size={14} stroke={1.8} /> : null}
              onClick={() => choose(s)}
              data-active={s === colorScheme || undefined}
            >
              {s === 'auto' ? 'Auto (follow the system)' : SCHEME_LABELS[s]}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
