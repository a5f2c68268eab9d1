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
}

export const noFaults = (): Faults => ({ latencyMs: 0, status5xx: null, reset: 'none', malformed: 'none', pathPrefix: '', method: '', times: 0 });
