import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useRoute, type NewPreheatIntent } from '@renderer/app/route';
import { AdvancedSection } from './AdvancedSection';
import { DraftBar } from './DraftBar';
import { useCreatePreheat } from './create-store';
import { FileSection } from './FileSection';
import { HeadersSection } from './HeadersSection';
import { ImageSection } from './ImageSection';
import { InformationSection } from './InformationSection';
import { PeersSection } from './PeersSection';
import { PreviewPanel } from './PreviewPanel';
import { SubmitBar } from './SubmitBar';
import { TargetsSection } from './TargetsSection';
import { TaskIdentitySection } from './TaskIdentitySection';

/**
 * The create form: every field of the console's, with the manager's real rules and a live preview.
 * It always edits a draft the back end keeps. Each section reads and writes the create store itself.
 */
export function CreatePreheatPage({ intent }: { intent?: NewPreheatIntent | undefined }) {
  const kind = useCreatePreheat((s) => s.spec.kind);
  const notes = useCreatePreheat((s) => s.notes);
  const { setKind, reset, apply, open, close } = useCreatePreheat.getState();
  const go = useRoute((s) => s.go);

  // The draft that was open comes back first; what the move here asks is applied over it.
  useEffect(() => {
    let live = true;
    void open().then(() => {
      if (live && intent) void apply(intent);
    });
    return () => {
      live = false;
      close();
    };
  }, [intent, open, close, apply]);

  return (
    <Stack gap="md" pb="xl" data-testid="create-preheat">
      <Group justify="space-between">
        <Group gap="sm">
          <Anchor size="sm" onClick={() => go({ page: 'preheats' })}>
            ← All preheats
          </Anchor>
          <Title order={1} size="h2">New preheat</Title>
        </Group>
        <Button variant="subtle" color="gray" onClick={reset}>
          Clear the form
        </Button>
      </Group>
      <DraftBar />
      {notes.map((n) => (
        <Alert key={n} variant="light" color="blue">
          {n}
        </Alert>
      ))}
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Stack gap="md" style={{ flex: 3, minWidth: 0 }}>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'image' | 'file')}
            data={[
              { value: 'image', label: 'Image' },
              { value: 'file', label: 'File' },
            ]}
            data-testid="kind"
          />
          <InformationSection />
          <TargetsSection />
          {kind === 'image' ? <ImageSection /> : <FileSection />}
          <PeersSection />
          <TaskIdentitySection />
          <HeadersSection />
          <AdvancedSection />
          <SubmitBar />
        </Stack>
        <PreviewPanel />
      </Group>
    </Stack>
  );
}
