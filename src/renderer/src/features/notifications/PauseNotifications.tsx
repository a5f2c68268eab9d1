import { Button, Group, Text } from '@mantine/core';
import { useNow } from '@renderer/lib/use-now';
import { isPaused, useNotifications } from './notifications-store';

/** Pause desktop notifications for an hour, or resume them now (Settings). */
export function PauseNotifications() {
  const { view, pause } = useNotifications();
  const now = useNow();
  return (
    <Group gap="xs">
      {isPaused(view, now) ? (
        <>
          <Text size="sm">Paused until {new Date(view.pausedUntil!).toLocaleTimeString()}.</Text>
          <Button size="xs" variant="light" onClick={() => void pause(0)}>
            Resume now
          </Button>
        </>
      ) : (
        <Button size="xs" variant="default" onClick={() => void pause(60)}>
          Pause notifications for 1 hour
        </Button>
      )}
    </Group>
  );
}
