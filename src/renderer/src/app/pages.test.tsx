import { render, screen } from '@testing-library/react';
import { Suspense, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './pages';

/** A page module whose loading finishes when the test says so. */
function deferredModule() {
  let finish!: () => void;
  const loaded = new Promise<{ HelloPage: (p: { who: string }) => ReactElement }>((resolve) => {
    finish = () => resolve({ HelloPage: ({ who }) => <p>hello {who}</p> });
  });
  return { load: () => loaded, finish };
}

const inSuspense = (children: ReactElement) => <Suspense fallback={<p>loading</p>}>{children}</Suspense>;

describe('lazyPage', () => {
  it('suspends until its chunk is in when it was not preloaded', async () => {
    const m = deferredModule();
    const Hello = lazyPage(m.load, 'HelloPage');
    render(inSuspense(<Hello who="there" />));
    expect(screen.getByText('loading')).toBeInTheDocument();
    m.finish();
    expect(await screen.findByText('hello there')).toBeInTheDocument();
  });

  it('renders in the first commit once preloaded: no fallback, so no reveal throttle to wait out', async () => {
    const m = deferredModule();
    const Hello = lazyPage(m.load, 'HelloPage');
    const preloaded = Hello.preload();
    m.finish();
    await preloaded;
    render(inSuspense(<Hello who="again" />));
    expect(screen.queryByText('loading')).not.toBeInTheDocument();
    expect(screen.getByText('hello again')).toBeInTheDocument();
  });
});
