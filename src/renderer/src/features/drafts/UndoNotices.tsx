import { Affix, Button, Notification, Stack, Text } from '@mantine/core';
import { useNow } from '@renderer/lib/use-now';
import { useDrafts } from './drafts-store';

/** A notification for each draft or template just deleted, with Undo (the back end keeps it ten minutes). */
export function UndoNotices() {
  const deleted = useDrafts((s) => s.deleted);
  const restore = useDrafts((s) => s.restore);
  const dismiss = useDrafts((s) => s.dismissDeleted);
  const now = useNow();
  // Past its time the back end has let the copy go: Undo would only fail.
  const open = deleted.filter((d) => Date.parse(d.undoUntil) > now);
  if (open.length === 0) return null;
  return (
    <Affix position={{ bottom: 20, right: 20 }}>
      <Stack gap="xs" w={360}>
        {open.slice(-3).map((d) => (
          <Notification key={d.id} title={`Deleted “${d.name}”`} onClose={() => dismiss(d.id)} withBorder data-testid="undo-notice">
            <Text size="xs" c="dimmed">
              It can be brought back until {new Date(d.undoUntil).toLocaleTimeString()}.
            </Text>
            <Button size="compact-xs" variant="light" mt={4} onClick={() => void restore(d.id)} data-testid="undo-delete">
              Undo
            </Button>
          </Notification>
        ))}
      </Stack>
    </Affix>
  );
}
