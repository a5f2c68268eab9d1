/** An id looked up on the managers because the list had no job with it. */
export interface FindState {
  jobId: number;
  asking: boolean;
  found: number;
  missing: { managerName: string; reason: string }[];
  error: string | null;
}
