import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function clusterHandlers({ dashboard }: Services): HandlersOf<'clusters'> {
  return {
    'clusters.detail': async ({ managerId, clusterId }) => dashboard.clusterDetail(managerId, clusterId),
    'clusters.peersCsv': async ({ managerId, clusterId }) => dashboard.peersCsv(managerId, clusterId),
  };
}
