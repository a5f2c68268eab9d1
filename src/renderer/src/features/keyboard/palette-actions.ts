import { emptySpec } from '@shared/preheat-spec';
import type { Route } from '@renderer/app/route';

export type ColorScheme = 'auto' | 'light' | 'dark';

/** What choosing a palette action does; the palette component carries it out. */
export type PaletteTarget =
  | { kind: 'route'; route: Route }
  | { kind: 'shortcuts' }
  | { kind: 'scheme'; scheme: ColorScheme };

export interface PaletteItem {
  /** Stable, so tests and the DOM can name an action: `page-drafts`, `manager-<id>`, `find-job`. */
  id: string;
  label: string;
  description?: string;
  group: 'Find' | 'Pages' | 'Create' | 'Managers' | 'Clusters' | 'Drafts' | 'Look and help';
  keywords?: string[];
  target: PaletteTarget;
}

export interface PaletteSources {
  managers: { id: string; name: string; baseUrl: string }[];
  /** Known when the overview has loaded; empty before. */
  clusters: { managerId: string; managerName: string; id: number; name: string }[];
  drafts: { id: string; name: string; specKind: 'image' | 'file'; updatedAt: string }[];
  query: string;
}

const PAGES: { id: string; label: string; route: Route; keywords: string[] }[] = [
  { id: 'dashboard', label: 'Overview', route: { page: 'dashboard' }, keywords: ['dashboard', 'home', 'clusters'] },
  { id: 'preheats', label: 'Preheats', route: { page: 'preheats' }, keywords: ['jobs', 'list'] },
  { id: 'new', label: 'New preheat', route: { page: 'new' }, keywords: ['create', 'form'] },
  { id: 'drafts', label: 'Drafts', route: { page: 'drafts' }, keywords: ['templates', 'spec files'] },
  { id: 'outbox', label: 'Outbox', route: { page: 'outbox' }, keywords: ['queue', 'submissions'] },
  { id: 'failures', label: 'Failure log', route: { page: 'failures' }, keywords: ['errors', 'failed'] },
  { id: 'managers', label: 'Managers', route: { page: 'managers' }, keywords: ['connections', 'credentials'] },
  { id: 'settings', label: 'Settings', route: { page: 'settings' }, keywords: ['preferences', 'options'] },
];

/** "123", "#123", "job 123", "find job #123": the job id asked for, else null. */
export function jobIdOf(query: string): number | null {
  const m = /^(?:find\s+)?(?:job\s*)?#?\s*(\d{1,15})$/i.exec(query.trim());
  return m ? Number(m[1]) : null;
}

const SCHEMES: { scheme: ColorScheme; label: string }[] = [
  { scheme: 'auto', label: 'Auto (follow the system)' },
  { scheme: 'light', label: 'Light' },
  { scheme: 'dark', label: 'Dark' },
];

/** The palette's actions for what the app knows now; Spotlight filters them by the query. */
export function paletteActions({ managers, clusters, drafts, query }: PaletteSources): PaletteItem[] {
  const items: PaletteItem[] = [];
  const jobId = jobIdOf(query);
  if (jobId !== null) {
    // The typed query is a keyword, so the filter keeps this action whatever form the id was typed in.
    items.push({
      id: 'find-job',
      label: `Find job #${jobId}`,
      description: 'Open the preheat list searching this id',
      group: 'Find',
      keywords: [query.trim()],
      target: { kind: 'route', route: { page: 'preheats', intent: { kind: 'search', search: `#${jobId}` } } },
    });
  }
  for (const p of PAGES) items.push({ id: `page-${p.id}`, label: p.label, description: 'Go to page', group: 'Pages', keywords: p.keywords, target: { kind: 'route', route: p.route } });
  for (const kind of ['image', 'file'] as const) {
    items.push({
      id: `new-${kind}`,
      label: `New ${kind} preheat`,
      description: `A fresh draft of a${kind === 'image' ? 'n image' : ' file'} preheat`,
      group: 'Create',
      keywords: ['create', 'preheat'],
      target: { kind: 'route', route: { page: 'new', intent: { kind: 'spec', spec: emptySpec(kind), notes: [] } } },
    });
  }
  for (const m of managers) {
    items.push({ id: `manager-${m.id}`, label: m.name, description: `Its clusters on the overview · ${m.baseUrl}`, group: 'Managers', keywords: ['manager'], target: { kind: 'route', route: { page: 'dashboard', intent: { kind: 'manager', managerId: m.id } } } });
  }
  for (const c of clusters) {
    items.push({
      id: `cluster-${c.managerId}-${c.id}`,
      label: `${c.name} (#${c.id})`,
      description: `Cluster of ${c.managerName}`,
      group: 'Clusters',
      keywords: ['cluster', c.managerName],
      target: { kind: 'route', route: { page: 'cluster', managerId: c.managerId, clusterId: c.id } },
    });
  }
  for (const d of drafts) {
    items.push({ id: `draft-${d.id}`, label: d.name, description: `Draft · ${d.specKind} preheat`, group: 'Drafts', keywords: ['draft'], target: { kind: 'route', route: { page: 'new', intent: { kind: 'draft', id: d.id } } } });
  }
  items.push({ id: 'shortcuts', label: 'Keyboard shortcuts', description: 'List every shortcut', group: 'Look and help', keywords: ['help', 'keys', 'hotkeys', '?'], target: { kind: 'shortcuts' } });
  for (const s of SCHEMES) {
    items.push({ id: `scheme-${s.scheme}`, label: `Colour scheme: ${s.label}`, group: 'Look and help', keywords: ['theme', 'color', 'dark mode', 'light mode'], target: { kind: 'scheme', scheme: s.scheme } });
  }
  return items;
}
