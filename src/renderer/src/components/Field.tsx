import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value of a detail page: the label small and above, the value as given. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}
