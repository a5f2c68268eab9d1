import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { AppNotification } from '@shared/models';
import { ago } from '@renderer/lib/format';
import { useNow } from '@renderer/lib/use-now';
import { useManagers } from '../managers/managers-store';
import { browserCanAsk } from './browser-notifications';
import { MuteMenu } from './MuteMenu';
import { isPaused, useNotifications } from './notifications-store';

function Item({ n, now, onOpen }: { n: AppNotification; now: number; onOpen(n: AppNotification): void }) {
  return (
    <UnstyledButton onClick={() => onOpen(n)} p="xs" style={{ borderRadius: 4, background: n.seen ? undefined : 'var(--mantine-color-red-light)' }} data-testid="notification-item">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={n.seen ? 400 : 700}>
          {n.title}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {ago(n.at, now)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={3}>
        {n.body}
      </Text>
    </UnstyledButton>
  );
}

/** The in-app notification center: every failure notification, also those shown while the app was hidden. */
export function NotificationBell({ onOpen }: { onOpen(link: string): void }) {
  const { view, load, markSeen, pause } = useNotifications();
  const managers = useManagers((s) => s.managers);
  const [opened, setOpened] = useState(false);
  const [canAsk, setCanAsk] = useState(browserCanAsk);
  const now = useNow();

  useEffect(() => {
    void load();
  }, [load]);

  const paused = isPaused(view, now);
  const open = (n: AppNotification) => {
    setOpened(false);
    if (!n.seen) void markSeen([n.id]);
    onOpen(n.link);
  };

  return (
    // The indicator wraps the popover, so the popup's ARIA attributes land on the button, not on the badge's box.
    <Indicator label={view.unseen} size={16} color="red" disabled={view.unseen === 0} offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={400} shadow="md">
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Notifications (${view.unseen} unread)`} onClick={() => setOpened((o) => !o)} data-testid="notification-bell">
            <IconBell size={18} stroke={1.8} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs" data-testid="notification-center">
          <Group justify="space-between" mb="xs">
            <Text fw={600} size="sm">
              Notifications
            </Text>
            <Group gap={4}>
              {paused ? (
                <Button size="compact-xs" variant="light" onClick={() => void pause(0)}>
                  Resume
                </Button>
              ) : (
                <Button size="compact-xs" variant="subtle" onClick={() => void pause(60)}>
                  Pause 1 h
                </Button>
              )}
              <Button size="compact-xs" variant="subtle" disabled={view.unseen === 0} onClick={() => void markSeen('all')}>
                Mark all read
              </Button>
            </Group>
          </Group>
          {paused && (
            <Text size="xs" c="orange" mb="xs">
              Desktop notifications are paused until {new Date(view.pausedUntil!).toLocaleTimeString()}. Failures still land here.
            </Text>
          )}
          {managers.length > 0 && (
            <Stack gap={2} mb="xs" data-testid="bell-mutes">
              {managers.map((m) => (
                <Group key={m.id} justify="space-between" wrap="nowrap">
                  <Text size="xs">{m.name}</Text>
                  <MuteMenu managerId={m.id} managerName={m.name} size="compact-xs" inPopover />
                </Group>
              ))}
            </Stack>
          )}
          {canAsk && (
            <Text size="xs" mb="xs">
              <Anchor
                component="button"
                size="xs"
                onClick={() => void Notification.requestPermission().then(() => setCanAsk(browserCanAsk()))}
              >
                Let this browser show failure notifications
              </Anchor>{' '}
              while the tab is in the background.
            </Text>
          )}
          {view.items.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              No failures so far. A failed, partly failed (if enabled in Settings), timed-out or stuck preheat on any manager lands here.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={420}>
              <Stack gap={4}>
                {view.items.map((n) => (
                  <Item key={n.id} n={n} now={now} onOpen={open} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
