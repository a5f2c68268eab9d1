import type { StoreApi } from 'zustand';
import type { Result } from '@shared/result';

/** The one thing a detail page shows: fetched when the page opens, forgotten when it closes. */
export interface PageDetail<Ref, Value> {
  ref: Ref | null;
  detail: Value | null;
  error: string | null;
  open(ref: Ref): Promise<void>;
  /** The page closed: forget the thing, and any answer still on its way. */
  close(): void;
  /** Fetch it again; resolves to whether this answer was the one applied. */
  load(): Promise<boolean>;
}

/**
 * The state and actions of a detail page, for a zustand store that adds its feature's own;
 * `closed` is the rest of the store's page-scoped state as it is before the page opens.
 */
export function pageDetail<Ref, Value, S extends PageDetail<Ref, Value>>(
  set: StoreApi<S>['setState'],
  get: StoreApi<S>['getState'],
  fetch: (ref: Ref) => Promise<Result<Value>>,
  closed: Partial<S> = {},
): PageDetail<Ref, Value> {
  const reset = { ...closed, ref: null, detail: null, error: null };
  let seq = 0;
  return {
    ref: null,
    detail: null,
    error: null,
    async open(ref) {
      set({ ref } as Partial<S>);
      await get().load();
    },
    close() {
      seq++;
      set(reset);
    },
    async load() {
      const { ref } = get();
      if (ref === null) return false;
      const mine = ++seq;
      const res = await fetch(ref);
      // The page closed, or a newer fetch was sent, meanwhile.
      if (mine !== seq) return false;
      set((res.ok ? { detail: res.value, error: null } : { error: res.message }) as Partial<S>);
      return true;
    },
  };
}
