import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useShortcutsPanel } from './keyboard-store';
import { SHORTCUTS } from './shortcuts';

/** Every shortcut, from the same list the keys are bound from. */
export function ShortcutsPanel() {
  const { opened, close } = useShortcutsPanel();
  return (
    <Modal opened={opened} onClose={close} title="Keyboard shortcuts" size="lg" data-testid="shortcuts-panel">
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {SHORTCUTS.map((s) => (
            <Table.Tr key={s.id} data-testid={`shortcut-${s.id}`}>
              <Table.Td w={140}>
                <Group gap={6} wrap="nowrap">
                  {s.keys.map((combo, i) => (
                    <Fragment key={combo.join('+')}>
                      {i > 0 && (
                        <Text size="xs" c="dimmed">
                          or
                        </Text>
                      )}
                      <Group gap={2} wrap="nowrap">
                        {combo.map((k) => (
                          <Kbd key={k}>{k}</Kbd>
                        ))}
                      </Group>
                    </Fragment>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{s.description}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="sm">
        Letter keys and / do nothing while you type in a field; Esc there leaves the field first.
      </Text>
    </Modal>
  );
}
