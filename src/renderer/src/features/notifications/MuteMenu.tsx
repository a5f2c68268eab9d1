import { Button, Group, Menu, Text, TextInput } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useNow } from '@renderer/lib/use-now';
import { useNotifications } from './notifications-store';

const HOUR = 3600_000;
const PRESETS = [
  { label: 'for 1 hour', ms: HOUR },
  { label: 'for 8 hours', ms: 8 * HOUR },
  { label: 'for 24 hours', ms: 24 * HOUR },
];

/** `until` as the operator reads it: a time today, or a date and time. */
export function untilLabel(until: string | null, now = Date.now()): string {
  if (until === null) return 'until unmuted';
  const at = new Date(until);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return `until ${sameDay ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : at.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}`;
}

/**
 * Mute one manager's desktop notifications (a manager under maintenance), or unmute it. Its failures
 * still land under the bell and in the failure log.
 */
export function MuteMenu({ managerId, managerName, size = 'xs', inPopover = false }: { managerId: string; managerName: string; size?: 'xs' | 'compact-xs'; inPopover?: boolean }) {
  const now = useNow();
  // A mute that has run out is over here too, before the back end next rebuilds its view.
  const mute = useNotifications((s) => s.view.mutes.find((m) => m.managerId === managerId && (m.until === null || Date.parse(m.until) > now)));
  const doMute = useNotifications((s) => s.mute);
  const unmute = useNotifications((s) => s.unmute);
  const [custom, setCustom] = useState('');
  const customAt = custom ? new Date(custom) : null;
  const customProblem = customAt && (Number.isNaN(customAt.getTime()) || customAt.getTime() <= now) ? 'Pick a time in the future' : null;
  if (mute) {
    return (
      <Group gap={4} wrap="nowrap" data-testid={`muted-${managerName}`}>
        <Text size="xs" c="orange">
          Muted {untilLabel(mute.until)}
        </Text>
        <Button size={size} variant="subtle" onClick={() => void unmute(managerId)} data-testid={`unmute-${managerName}`}>
          Unmute
        </Button>
      </Group>
    );
  }
  return (
    // Inside the bell's popover the menu stays in its DOM: a click in a portal would close the popover.
    <Menu position="bottom-end" withinPortal={!inPopover} closeOnItemClick>
      <Menu.Target>
        <Button size={size} variant="subtle" color="gray" leftSection={<IconBellOff size={14} />} data-testid={`mute-${managerName}`}>
          Mute
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid={`mute-menu-${managerName}`}>
        <Menu.Label>Mute {managerName}'s notifications</Menu.Label>
        {PRESETS.map((p) => (
          <Menu.Item key={p.label} onClick={() => void doMute(managerId, new Date(Date.now() + p.ms).toISOString())}>
            {p.label}
          </Menu.Item>
        ))}
        <Menu.Item onClick={() => void doMute(managerId, null)}>until I unmute it</Menu.Item>
        <Menu.Divider />
        <Group gap={4} p={6} wrap="nowrap" align="flex-start">
          <TextInput
            size="xs"
            type="datetime-local"
            aria-label={`Mute ${managerName} until`}
            value={custom}
            onChange={(e) => setCustom(e.currentTarget.value)}
            error={customProblem}
            data-testid="mute-until"
          />
          <Button size="xs" disabled={!customAt || customProblem !== null} onClick={() => void doMute(managerId, customAt!.toISOString())}>
            Mute
          </Button>
        </Group>
      </Menu.Dropdown>
    </Menu>
  );
}
