import { useMemo } from 'react';
import { localIssues, useCreatePreheat } from './create-store';

/** What a field of the form shows: the form's own findings and the managers' last answer, by spec path. */
export function useFieldErrors() {
  const local = useCreatePreheat(localIssues);
  const server = useCreatePreheat((s) => s.serverIssues);
  return useMemo(() => {
    const all = [...local, ...server];
    return {
      err(path: string): string | undefined {
        const found = all.filter((i) => i.path === path);
        return found.length ? found.map((i) => i.message).join(' · ') : undefined;
      },
      /** Whether any field under `prefix` has a problem. */
      errUnder: (prefix: string) => all.some((i) => i.path.startsWith(prefix)),
    };
  }, [local, server]);
}

/** A NumberInput's value as the spec holds it: a number, or null when empty. */
export const num = (v: string | number) => (v === '' || v === undefined ? null : Number(v));
