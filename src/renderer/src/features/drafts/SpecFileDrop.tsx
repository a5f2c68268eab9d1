import { Center, Overlay, Paper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useRoute } from '@renderer/app/route';
import { useDrafts } from './drafts-store';
import { ImportSecretsPrompt } from './ImportSecretsPrompt';

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/**
 * Spec files dropped anywhere on the window are imported, whatever page is open; then the Drafts page
 * shows what came in. Also asks for the secret header values an import needs, wherever it started.
 */
export function SpecFileDrop() {
  const importFiles = useDrafts((s) => s.importFiles);
  const secretsAsked = useDrafts((s) => s.secretsAsked);
  const giveSecrets = useDrafts((s) => s.giveSecrets);
  const go = useRoute((s) => s.go);
  const [over, setOver] = useState(false);

  useEffect(() => {
    // Entering a child leaves its parent: count, so the overlay goes only when the drag leaves the window.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    // Without this, the browser (or Electron) would open the file in place of the app.
    const allow = (e: DragEvent) => {
      if (carriesFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) void importFiles(files).then((report) => report.length > 0 && go({ page: 'drafts' }));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', allow);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', allow);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles, go]);

  return (
    <>
      {over && (
        <Overlay fixed blur={2} zIndex={400} data-testid="drop-overlay">
          <Center h="100%">
            <Paper p="xl" withBorder shadow="md">
              <Text fw={600}>Drop spec files to import them</Text>
              <Text size="sm" c="dimmed">
                YAML or JSON drafts and templates, as exported from the Drafts page
              </Text>
            </Paper>
          </Center>
        </Overlay>
      )}
      <ImportSecretsPrompt request={secretsAsked} onGive={giveSecrets} />
    </>
  );
}
