import type { Dispatcher, Pool as UndiciPool } from 'undici';
// undici's index loads fetch, WebSocket, EventSource, its caches, proxies and mocks before it returns the
// one class used here: 76 ms of a cold start's back end (CPU profile, 2026-12-02). These two files bring
// only the pool and its `request`. The paths are undici's own (it has no `exports` map); the version is
// pinned, and the HTTP client's tests run through them.
import PoolClass from 'undici/lib/dispatcher/pool.js';
import requestOn from 'undici/lib/api/api-request.js';

export type Pool = UndiciPool;

export function createPool(origin: string, options: UndiciPool.Options): UndiciPool {
  return new (PoolClass as unknown as typeof UndiciPool)(origin, options);
}

/** `pool.request`, which undici's index would have put on every dispatcher's prototype. */
export function request(pool: UndiciPool, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return (requestOn as unknown as (this: UndiciPool, o: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>).call(pool, options);
}
