import './zod-jitless';
import type { Handlers } from '../shared/contract';
import { createHandlers } from './handlers';
import { DisposableStore } from './lifecycle/disposable';
import { keepHeapNearLive } from './lifecycle/heap-growth';
import { createServices, type BackendOptions, type Services } from './services';
import { dispatch } from './transports/dispatch';
import type { TransportHost } from './transports/host';

export type { BackendOptions } from './services';

/** The whole back end: plain Node, no Electron. Both transports bind `call` and `subscribe`. */
export interface Backend extends TransportHost {
  services: Services;
  handlers: Handlers;
  /** Follow a `dragonfly-desk://` link: tells the UI to open that screen. */
  navigate(link: string): void;
  /** Stop every service, in the reverse order of their creation, writing what is pending. */
  dispose(): Promise<void>;
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  keepHeapNearLive();
  const disposables = new DisposableStore();
  const services = await createServices(opts, disposables);
  const handlers = createHandlers(services);
  return {
    services,
    handlers,
    call: async (name, input) => {
      services.foreground.touch();
      try {
        return await dispatch(handlers, name, input, services.log);
      } finally {
        services.foreground.touch();
      }
    },
    pageLoading: () => services.foreground.pageLoading(),
    log: services.log,
    subscribe: (listener) => services.events.on(({ name, payload }) => listener(name, payload as never)),
    navigate: (link) => services.emit('app.navigate', { link }),
    dispose: () => disposables.dispose(),
  };
}
