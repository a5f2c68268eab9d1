import { startWithHeapNearLive } from '../lifecycle/heap-growth';

startWithHeapNearLive(() => import('./main'));
