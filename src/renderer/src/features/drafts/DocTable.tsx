import { ActionIcon, Anchor, Badge, Button, Checkbox, Code, Group, Menu, Table, Text } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import type { DraftSummary } from '@shared/drafts';
import { ago } from '@renderer/lib/format';
import { useNow } from '@renderer/lib/use-now';
import { useDrafts } from './drafts-store';

/** Targets by manager and cluster name: "prod-eu: eu-a, eu-b · prod-us: us-a". */
const targetsText = (d: DraftSummary) => d.targets.map((t) => `${t.managerName}: ${t.clusters.map((c) => c.name ?? `#${c.id}`).join(', ')}`).join(' · ');

interface DocTableProps {
  kind: DraftSummary['kind'];
  docs: DraftSummary[];
  selected: Set<string>;
  onSelect(ids: string[], on: boolean): void;
  /** A draft opens in the form; a template starts a new draft. */
  onUse(doc: DraftSummary): void;
  onRename(doc: DraftSummary): void;
}

/** Drafts or templates, newest first: what each preheats, where, when it was last edited, and what it lacks. */
export function DocTable({ kind, docs, selected, onSelect, onUse, onRename }: DocTableProps) {
  const now = useNow();
  const all = docs.length > 0 && docs.every((d) => selected.has(d.id));
  const templates = kind === 'template';
  return (
    <Table verticalSpacing="xs" highlightOnHover data-testid={templates ? 'template-table' : 'draft-table'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>
            <Checkbox aria-label="Select all" checked={all} indeterminate={!all && docs.some((d) => selected.has(d.id))} onChange={(e) => onSelect(docs.map((d) => d.id), e.currentTarget.checked)} />
          </Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Targets</Table.Th>
          <Table.Th>Last edited</Table.Th>
          <Table.Th>{templates ? 'Asks for' : 'Ready'}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {docs.map((d) => (
          <DocRow key={d.id} doc={d} now={now} selected={selected.has(d.id)} onSelect={(on) => onSelect([d.id], on)} onUse={() => onUse(d)} onRename={() => onRename(d)} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DocRow({ doc: d, now, selected, onSelect, onUse, onRename }: { doc: DraftSummary; now: number; selected: boolean; onSelect(on: boolean): void; onUse(): void; onRename(): void }) {
  const duplicate = useDrafts((s) => s.duplicate);
  const remove = useDrafts((s) => s.remove);
  const exportDocs = useDrafts((s) => s.exportDocs);
  const targets = targetsText(d);
  return (
    <Table.Tr data-testid={`${d.kind}-row`} data-id={d.id} data-name={d.name}>
      <Table.Td>
        <Checkbox aria-label={`Select ${d.name}`} checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td data-col="name" maw={320}>
        <Anchor component="button" fw={600} onClick={onUse} lineClamp={1} title={d.name} ta="left">
          {d.name}
        </Anchor>
        {d.kind === 'draft' && !d.nameGiven && (
          <Text size="xs" c="dimmed">
            named after its content
          </Text>
        )}
      </Table.Td>
      <Table.Td data-col="kind">
        <Badge variant="light" color={d.specKind === 'image' ? 'indigo' : 'cyan'}>
          {d.specKind}
        </Badge>
      </Table.Td>
      <Table.Td data-col="targets" maw={320}>
        <Text size="sm" c={targets ? undefined : 'dimmed'} lineClamp={2} title={targets}>
          {targets || 'no cluster picked'}
        </Text>
      </Table.Td>
      <Table.Td data-col="edited" style={{ whiteSpace: 'nowrap' }} title={new Date(d.updatedAt).toLocaleString()}>
        {ago(d.updatedAt, now)}
      </Table.Td>
      <Table.Td data-col="status" maw={360}>
        {d.kind === 'template' ? (
          d.variables.length ? (
            <Group gap={4}>
              {d.variables.map((v) => (
                <Code key={v.name} title={v.description}>{`{{${v.name}}}`}</Code>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              nothing
            </Text>
          )
        ) : d.ready ? (
          <Badge color="teal" variant="light">
            ready to send
          </Badge>
        ) : (
          <Text size="xs" c="orange" lineClamp={2} title={d.missing.join('\n')}>
            Missing: {d.missing.join(' · ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-xs" variant="light" onClick={onUse} data-testid="doc-use">
            {d.kind === 'draft' ? 'Open' : 'New from template'}
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`More for ${d.name}`} data-testid="doc-menu">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={onRename}>Rename…</Menu.Item>
              <Menu.Item onClick={() => void duplicate(d.id)}>Duplicate</Menu.Item>
              <Menu.Item onClick={() => void exportDocs([d.id], 'yaml')}>Export as YAML</Menu.Item>
              <Menu.Item onClick={() => void exportDocs([d.id], 'json')}>Export as JSON</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => void remove(d)}>
                Delete
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
