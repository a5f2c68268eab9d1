import type { FailureKind } from '@shared/models';

export const KIND_LABEL: Record<FailureKind, string> = {
  job_error: 'Job error',
  peer_failure: 'Peer failed',
  unconfirmed: 'No peer confirmed',
  timeout: 'Timed out',
  stuck: 'Stuck',
  gone: 'Gone',
};

export const KIND_HELP: Record<FailureKind, string> = {
  job_error: "The error a cluster's scheduler reported for the whole job",
  peer_failure: 'One peer could not download the content',
  unconfirmed: 'The manager says SUCCESS, but no peer reported having the content (single seed peer hides per-URL errors)',
  timeout: 'The job passed its timeout before every peer finished',
  stuck: 'Pending for more than 65 minutes: the manager stopped watching it',
  gone: 'The manager deleted the job while it was still pending',
};

/** Why a line is marked "at start": the app found it when it started, so it raised no notification. */
export const SEEN_AT_START = 'found when the app started: it ended while nobody watched, so no notification was raised';
