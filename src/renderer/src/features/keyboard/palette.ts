import { createSpotlight } from '@mantine/spotlight';

/** The command palette's own Spotlight store: the shortcuts and the header button open it, its actions close it. */
export const [paletteStore, palette] = createSpotlight();
