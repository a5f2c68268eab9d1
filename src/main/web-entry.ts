import { startWithHeapNearLive } from './lifecycle/heap-growth';

startWithHeapNearLive(() => import('./web-cli'));
