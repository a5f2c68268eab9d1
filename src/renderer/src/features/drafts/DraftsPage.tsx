import { Alert, Button, FileButton, Group, Loader, Menu, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DraftSummary } from '@shared/drafts';
import { useRoute } from '@renderer/app/route';
import { DocTable } from './DocTable';
import { useDrafts } from './drafts-store';
import { FromTemplateDialog } from './FromTemplateDialog';
import { ImportReport } from './ImportReport';
import { RenameDialog } from './RenameDialog';
import { UndoNotices } from './UndoNotices';

const SPEC_FILES = '.yaml,.yml,.json,application/yaml,application/json';

/** Every draft and template the back end keeps: open, rename, copy, delete with undo, export and import. */
export function DraftsPage({ tab = 'drafts' }: { tab?: 'drafts' | 'templates' | undefined }) {
  const { drafts, templates, loaded, error, actionError, importing, load, importFiles, exportDocs } = useDrafts();
  const go = useRoute((s) => s.go);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<DraftSummary | null>(null);
  const [using, setUsing] = useState<DraftSummary | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  // Only what is still listed stays selected.
  const listed = new Set([...drafts, ...templates].map((d) => d.id));
  const chosen = [...selected].filter((id) => listed.has(id));
  const select = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const use = (d: DraftSummary) => (d.kind === 'draft' ? go({ page: 'new', intent: { kind: 'draft', id: d.id } }) : setUsing(d));

  return (
    <Stack gap="md" pb="xl" data-testid="drafts-page">
      <Group justify="space-between">
        <Title order={1} size="h2">Drafts</Title>
        <Group gap="xs">
          {chosen.length > 0 && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="light" data-testid="export-selected">
                  Export {chosen.length} selected
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void exportDocs(chosen, 'yaml')}>as YAML</Menu.Item>
                <Menu.Item onClick={() => void exportDocs(chosen, 'json')}>as JSON</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          <FileButton multiple accept={SPEC_FILES} onChange={(files) => void importFiles(files)}>
            {(props) => (
              <Button {...props} variant="default" loading={importing} data-testid="import-files">
                Import…
              </Button>
            )}
          </FileButton>
          <Button onClick={() => go({ page: 'new', intent: { kind: 'draft', id: null } })}>New draft</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Every preheat being written is a draft, saved as it is typed and kept until it is sent. Spec files (YAML or JSON) can be imported with the
        button or by dropping them anywhere on the window; they never carry a secret.
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {actionError && (
        <Alert color="red" variant="light" data-testid="drafts-action-error">
          {actionError}
        </Alert>
      )}
      <ImportReport />
      <Tabs value={tab} onChange={(t) => go(t === 'templates' ? { page: 'drafts', tab: 'templates' } : { page: 'drafts' })}>
        <Tabs.List>
          <Tabs.Tab value="drafts" data-testid="tab-drafts">
            Drafts ({drafts.length})
          </Tabs.Tab>
          <Tabs.Tab value="templates" data-testid="tab-templates">
            Templates ({templates.length})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="drafts" pt="sm">
          {!loaded ? (
            <Loader size="sm" />
          ) : drafts.length === 0 ? (
            <Text c="dimmed" data-testid="no-drafts">
              No drafts. What is typed in New preheat becomes one.
            </Text>
          ) : (
            <DocTable kind="draft" docs={drafts} selected={selected} onSelect={select} onUse={use} onRename={setRenaming} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="templates" pt="sm">
          {!loaded ? (
            <Loader size="sm" />
          ) : templates.length === 0 ? (
            <Text c="dimmed" data-testid="no-templates">
              No templates. Save a draft as one from the form (Save as template); <code>{'{{name}}'}</code> written in it is asked for each time it is used.
            </Text>
          ) : (
            <DocTable kind="template" docs={templates} selected={selected} onSelect={select} onUse={use} onRename={setRenaming} />
          )}
        </Tabs.Panel>
      </Tabs>
      <RenameDialog doc={renaming} onClose={() => setRenaming(null)} />
      <FromTemplateDialog template={using} onClose={() => setUsing(null)} />
      <UndoNotices />
    </Stack>
  );
}
