import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Segmented } from './Segmented';

const DATA = [
  { value: '24h', label: '24 h' },
  { value: '7d', label: '7 d' },
  { value: '30d', label: '30 d' },
] as const;

function Range() {
  const [value, setValue] = useState<(typeof DATA)[number]['value']>('24h');
  return (
    <MantineProvider env="test">
      <Segmented label="Range" value={value} onChange={setValue} data={DATA} />
      <output>{value}</output>
    </MantineProvider>
  );
}

describe('Segmented', () => {
  it('is a radio group: one choice checked, a click checks another', async () => {
    render(<Range />);
    const group = screen.getByRole('radiogroup', { name: 'Range' });
    expect(group).toBeTruthy();
    expect(screen.getByRole('radio', { name: '24 h' }).getAttribute('aria-checked')).toBe('true');
    await userEvent.click(screen.getByRole('radio', { name: '7 d' }));
    expect(screen.getByRole('radio', { name: '7 d' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('radio', { name: '24 h' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('7d');
  });

  it('takes one tab stop, and arrow keys move the choice and the focus, wrapping at the ends', async () => {
    render(<Range />);
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: '24 h' }));
    await userEvent.keyboard('{ArrowLeft}');
    expect(screen.getByRole('status').textContent).toBe('30d');
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: '30 d' }));
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('status').textContent).toBe('7d');
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: '7 d' }));
    // Only the checked choice is a tab stop: the next tab leaves the group.
    await userEvent.tab();
    expect(document.activeElement).toBe(document.body);
  });
});
