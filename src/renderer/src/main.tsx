import './mantine-styles';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startFirstScreen } from './app/first-screen';
import { useRoute } from './app/route';
import { cssVariablesResolver, theme } from './app/theme';

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        <App />
      </MantineProvider>
    </StrictMode>,
  );

// The first render waits for the page's chunk, so the page mounts with the shell. If the chunk failed,
// the page's lazy import asks again and reports it.
void startFirstScreen(useRoute.getState().route)
  .catch(() => undefined)
  .then(render);
