import { Alert, Button, Group } from '@mantine/core';

interface Props {
  /** Why the last attempt failed, shown above the buttons; the dialog stays open with what was typed. */
  failure?: string | null;
  failureTestId?: string;
  label: string;
  testId: string;
  busy?: boolean;
  onCancel(): void;
  onConfirm(): void;
}

/** A dialog's last row: what went wrong, if anything, then Cancel and the dialog's action. */
export function DialogActions({ failure, failureTestId, label, testId, busy, onCancel, onConfirm }: Props) {
  return (
    <>
      {failure && (
        <Alert color="red" variant="light" data-testid={failureTestId}>
          {failure}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button loading={busy} onClick={onConfirm} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}
