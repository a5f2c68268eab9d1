import { Combobox, DEFAULT_THEME, createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A palette whose darkest shade is darker still: orange, green, yellow and teal text reach 4.5:1 on their tints only then. */
const deepened = (name: 'orange' | 'green' | 'yellow' | 'teal', nine: string): MantineColorsTuple => {
  const shades = [...DEFAULT_THEME.colors[name]];
  shades[9] = nine;
  return shades as unknown as MantineColorsTuple;
};

/**
 * Mantine's default light scheme draws coloured and dimmed text with shade 6 (gray 6 for dimmed), and
 * filled buttons with shade 6 behind white text: 2.6–4.3:1, under WCAG AA's 4.5:1 for small text.
 * Shade 9 (deeper for orange, green, yellow and teal) and gray 7 meet it on white and on the light tints.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 9,
  defaultRadius: 'sm',
  colors: { orange: deepened('orange', '#a63c06'), green: deepened('green', '#237032'), yellow: deepened('yellow', '#a15600'), teal: deepened('teal', '#066649') },
  components: {
    // A select's options exist only while its dropdown is open: kept mounted (Mantine's default), the
    // filters of a list page rendered every option of every filter, hidden, on each render of the page.
    Combobox: Combobox.extend({ defaultProps: { keepMounted: false } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      Object.keys(t.colors).flatMap((c) => [
        [`--mantine-color-${c}-text`, `var(--mantine-color-${c}-9)`],
        [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`],
      ]),
    ),
  },
  // Dark 2 on the dark body is about 4:1; dark 1 reads clearly.
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
