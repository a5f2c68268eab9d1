import { CloseButton, MultiSelect, TextInput } from '@mantine/core';

interface SearchProps {
  value: string;
  onChange(value: string): void;
  placeholder: string;
  label: string;
  width: number;
  testId: string;
}

/** The search box of the list pages, with a clear button once something is typed. */
export function SearchInput({ value, onChange, placeholder, label, width, testId }: SearchProps) {
  return (
    <TextInput
      placeholder={placeholder}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      rightSection={value ? <CloseButton size="sm" aria-label="Clear search" onClick={() => onChange('')} /> : null}
      w={width}
      data-testid={testId}
    />
  );
}

/** Cluster filter options grouped by manager; values are `${managerId}:${clusterId}`. */
export function clusterOptions(clusters: { managerId: string; managerName: string; id: number; name: string }[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const c of clusters) {
    const list = groups.get(c.managerName) ?? [];
    list.push({ value: `${c.managerId}:${c.id}`, label: `${c.name} (#${c.id})` });
    groups.set(c.managerName, list);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

interface FilterSelectProps<T extends string> {
  label: string;
  data: ({ value: string; label: string } | { group: string; items: { value: string; label: string }[] })[];
  value: T[];
  onChange(value: T[]): void;
  width: number;
  searchable?: boolean;
  testId?: string;
}

/** A multi-choice filter whose label stands in the box while nothing is picked. */
export function FilterSelect<T extends string>({ label, data, value, onChange, width, searchable = false, testId }: FilterSelectProps<T>) {
  return (
    <MultiSelect
      placeholder={value.length ? undefined : label}
      aria-label={label}
      data={data}
      value={value}
      onChange={(v) => onChange(v as T[])}
      clearable
      searchable={searchable}
      w={width}
      data-testid={testId}
    />
  );
}
