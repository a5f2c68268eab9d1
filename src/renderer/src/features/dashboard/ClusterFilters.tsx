import { Group, Select, Switch, Text } from '@mantine/core';
import { memo } from 'react';
import { FilterSelect, SearchInput } from '@renderer/components/filters';
import type { ClusterFilter, ClusterSort } from './dashboard-store';

const SORTS = [
  { value: 'manager', label: 'Sort by manager' },
  { value: 'failures', label: 'Most failures first' },
  { value: 'name', label: 'Sort by name' },
];

interface Props {
  filter: ClusterFilter;
  setFilter(patch: Partial<ClusterFilter>): void;
  managers: { value: string; label: string }[];
  shown: number;
  total: number;
}

/**
 * The overview's cluster filters and how many clusters they leave. Memoised: its inputs are most of
 * the page's components, and the overview is read again at every change a manager reports.
 */
export const ClusterFilters = memo(function ClusterFilters({ filter, setFilter, managers, shown, total }: Props) {
  return (
    <Group gap="xs" align="flex-end">
      <SearchInput placeholder="Search clusters by name" label="Search clusters" value={filter.search} onChange={(search) => setFilter({ search })} width={240} testId="cluster-search" />
      <FilterSelect label="Manager" data={managers} value={filter.managerIds} onChange={(v) => setFilter({ managerIds: v })} width={200} />
      <Select aria-label="Sort" w={190} value={filter.sort} onChange={(v) => v && setFilter({ sort: v as ClusterSort })} data={SORTS} allowDeselect={false} />
      <Switch label="Cannot take preheats" checked={filter.cannotPreheat} onChange={(e) => setFilter({ cannotPreheat: e.currentTarget.checked })} data-testid="filter-cannot" />
      <Switch label="With failures" checked={filter.withFailures} onChange={(e) => setFilter({ withFailures: e.currentTarget.checked })} />
      <Text size="sm" c="dimmed" data-testid="cluster-count">
        {shown} of {total} clusters
      </Text>
    </Group>
  );
});
