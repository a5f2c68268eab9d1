import '@mantine/spotlight/styles.css';
import { Spotlight, useSpotlight, type SpotlightActionData, type SpotlightActionGroupData } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useDashboard } from '@renderer/features/dashboard/dashboard-store';
import { useDrafts } from '@renderer/features/drafts/drafts-store';
import { useShortcutsPanel } from '@renderer/features/keyboard/keyboard-store';
import { paletteStore } from '@renderer/features/keyboard/palette';
import { paletteActions, type PaletteItem, type PaletteTarget } from '@renderer/features/keyboard/palette-actions';
import { useManagers } from '@renderer/features/managers/managers-store';
import { useChooseColorScheme } from '@renderer/features/settings/color-scheme';
import { useRoute } from './route';

/** Spotlight's shape, grouped in the order the builder gives. */
function toSpotlight(items: PaletteItem[], run: (t: PaletteTarget) => void): SpotlightActionGroupData[] {
  const groups = new Map<string, SpotlightActionData[]>();
  for (const it of items) {
    const list = groups.get(it.group) ?? [];
    list.push({
      id: it.id,
      label: it.label,
      ...(it.description ? { description: it.description } : {}),
      ...(it.keywords ? { keywords: it.keywords } : {}),
      onClick: () => run(it.target),
      ...{ 'data-testid': `palette-${it.id}` },
    });
    groups.set(it.group, list);
  }
  return [...groups].map(([group, actions]) => ({ group, actions }));
}

/**
 * Every page, manager, cluster and draft, new preheats, "find job #…": type, then Enter. It lives in
 * the shell because it reads what several features know (managers, the overview's clusters, drafts).
 */
export function CommandPalette() {
  const { query } = useSpotlight(paletteStore);
  const managers = useManagers((s) => s.managers);
  const clusters = useDashboard((s) => s.view?.clusters);
  const drafts = useDrafts((s) => s.drafts);
  const go = useRoute((s) => s.go);
  const choose = useChooseColorScheme();
  const run = (t: PaletteTarget) => {
    if (t.kind === 'route') return go(t.route);
    if (t.kind === 'shortcuts') return useShortcutsPanel.getState().open();
    choose(t.scheme);
  };
  return (
    <Spotlight
      store={paletteStore}
      actions={toSpotlight(paletteActions({ managers, clusters: clusters ?? [], drafts, query }), run)}
      // Bound with the other shortcuts, so it also opens from a text field.
      shortcut={null}
      nothingFound="Nothing found"
      highlightQuery
      scrollable
      maxHeight={420}
      // Drafts change in the form and the Drafts page: list them as they are now.
      onSpotlightOpen={() => void useDrafts.getState().load()}
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.6} />,
        placeholder: 'Go to a page, manager, draft, or type a job id…',
        'aria-label': 'Command palette',
        ...{ 'data-testid': 'palette-search' },
      }}
    />
  );
}
