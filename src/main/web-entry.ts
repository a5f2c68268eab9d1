import { keepHeapNearLive } from './lifecycle/heap-growth';

// The heap flags go first: evaluating the app's modules alone grows V8's young generation from 1 to
// 16 MiB, all of it resident from then on. The rest loads once they are set.
keepHeapNearLive();
import('./web-cli').catch((err: unknown) => {
  process.stderr.write(`Dragonfly Desk could not start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
