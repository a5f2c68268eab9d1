/** Faults a test or the demo can switch on per simulated manager. */
export interface Faults {
  /** Added before every answer. */
  latencyMs: number;
  /** Answer every API request (not /healthy) with this 5xx status. */
  status5xx: number | null;
  /** Close the connection: before any answer, or after half of the body was sent. */
  reset: 'none' | 'before-response' | 'mid-body';
  /** Corrupt JSON bodies of job endpoints: invalid JSON, or cut in half. */
  malformed: 'none' | 'invalid' | 'truncated';
  /** Only apply the faults to requests whose path starts with this… */
  pathPrefix: string;
  /** …and whose method is this (empty: any method). */
  method: string;
  /** Apply them to this many matching requests, then clear them (0: until changed). */
  times: number;
  /** One fault drawn at random for a share of the matching requests (a soak); null: none. */
  random: RandomFaults | null;
}

/**
 * What a random fault does to a request:
 * - `reset-before`: the connection closes before the request is handled (nothing is created);
 * - `reset-after`: it is handled, then the connection closes halfway through the answer;
 * - `slow`: it is handled after `slowMs` (past a client's deadline, the answer is lost);
 * - `proxy-5xx`: a proxy in front answers 502 with an HTML page (nothing is created);
 * - `rate-limited`: the limiter answers 429 before the handler (nothing is created).
 */
export type RandomFault = 'reset-before' | 'reset-after' | 'slow' | 'proxy-5xx' | 'rate-limited';

export interface RandomFaults {
  /** Share of matching requests that get a fault, 0..1. */
  rate: number;
  kinds: RandomFault[];
  slowMs: number;
  seed: number;
}

export const noFaults = (): Faults => ({ latencyMs: 0, status5xx: null, reset: 'none', malformed: 'none', pathPrefix: '', method: '', times: 0, random: null });

/** A small seeded generator (mulberry32), so a soak can be run again with the same faults. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
