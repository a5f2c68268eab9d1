import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FilterSelect } from '@renderer/components/filters';
import { theme } from './theme';

describe('the theme', () => {
  it('mounts a filter\'s options only while its dropdown is open', async () => {
    render(
      <MantineProvider env="test" theme={theme}>
        <FilterSelect label="Status" data={['failed', 'succeeded', 'pending'].map((s) => ({ value: s, label: s }))} value={[]} onChange={() => undefined} width={200} />
      </MantineProvider>,
    );
    expect(screen.queryAllByRole('option', { hidden: true })).toHaveLength(0);
    await userEvent.setup().click(screen.getByLabelText('Status'));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['failed', 'succeeded', 'pending']);
  });
});
