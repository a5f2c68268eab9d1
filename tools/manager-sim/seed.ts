import { randomUUID } from 'node:crypto';
import type { SimManager } from './manager';
import type { SimJob, SimTask, TaskOutcome } from './model';

/** A small deterministic PRNG (mulberry32), so seeded data is the same on every run. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = [
  ['registry.example.com', 'library/nginx', '1.27'],
  ['registry.example.com', 'library/redis', '7.4'],
  ['harbor.corp.example', 'ml/pytorch-train', '2.5.1-cuda12'],
  ['harbor.corp.example', 'platform/api-gateway', 'v3.18.2'],
  ['ghcr.example.io', 'team/ingest-worker', 'sha-9f2c1e7'],
  ['registry.example.com', 'library/postgres', '17.2'],
  ['harbor.corp.example', 'ml/triton-server', '24.10-py3'],
] as const;

const FILES = [
  'https://models.example.com/llama/weights-00001-of-00004.safetensors',
  'https://models.example.com/llama/weights-00002-of-00004.safetensors',
  'https://artifacts.example.com/releases/agent-2.14.0-linux-amd64.tar.gz',
  'https://datasets.example.com/imagenet/train-shard-0042.tar',
  'https://s3.example.com/bucket/firmware/fw-7.3.1.bin?X-Amz-Expires=3600&X-Amz-Signature=abc',
] as const;

const DESCRIPTIONS = ['', '', 'nightly warm-up', 'release rollout', 'warm edge before launch', 'model refresh', 'hotfix image', 'canary'];

export interface SeedJobsOptions {
  count: number;
  /** Jobs are spread over this window ending now. */
  spanMs: number;
  seed?: number;
  /** Shares of outcomes among finished jobs; the rest succeed. */
  partial?: number;
  failure?: number;
  timeout?: number;
  /** Jobs created within the last minutes that are still running. */
  pending?: number;
}

/** Fill a simulated manager with realistic preheat history across its clusters. */
export function seedJobs(m: SimManager, opts: SeedJobsOptions): number {
  const r = rng(opts.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const now = m.clock.now();
  const jobs: Omit<SimJob, 'id'>[] = [];
  const clusters = m.clusters;
  for (let i = 0; i < opts.count; i++) {
    const createdAt = now - Math.floor(((i + 0.5) / opts.count) * opts.spanMs);
    const image = r() < 0.65;
    const [host, repo, tag] = pick(IMAGES);
    const urls = image ? [`https://${host}/v2/${repo}/manifests/${tag}`] : FILES.filter(() => r() < 0.4).slice(0, 3);
    if (!image && urls.length === 0) urls.push(pick(FILES));
    const scope = pick(['single_seed_peer', 'single_seed_peer', 'all_seed_peers', 'all_peers'] as const);
    const targets = clusters.length > 1 && r() < 0.3 ? clusters.slice(0, 2) : [pick(clusters)];
    const roll = r();
    const ageS = (now - createdAt) / 1000;
    const pending = ageS < 600 && roll < (opts.pending ?? 0.5);
    const kind =
      roll < (opts.timeout ?? 0.03)
        ? 'timeout'
        : roll < (opts.timeout ?? 0.03) + (opts.failure ?? 0.12)
          ? 'failure'
          : roll < (opts.timeout ?? 0.03) + (opts.failure ?? 0.12) + (opts.partial ?? 0.1)
            ? 'partial'
            : 'success';
    const layerUrls = image
      ? ['1a2b3c', '4d5e6f', '7a8b9c'].map((d) => `https://${host}/v2/${repo}/blobs/sha256:${d}${i.toString(16).padStart(6, '0')}`)
      : urls;
    const tasks: SimTask[] = targets.map((c, ci) => {
      const taskUuid = `task_${randomUUID()}`;
      const seeds = m.seedPeers.filter((p) => p.clusterId === c.id);
      const normals = m.peers.filter((p) => p.clusterId === c.id);
      const sched = m.schedulers.find((s) => s.clusterId === c.id);
      const hosts: { hostName: string; ip: string }[] = (scope === 'all_peers' ? normals : seeds).slice(0, scope === 'single_seed_peer' ? 1 : 6);
      const doneAfterS = pending ? 600 + r() * 600 : 5 + r() * 200;
      let outcome: TaskOutcome;
      if (kind === 'timeout') outcome = { kind: 'never' };
      else if ((kind === 'failure' && ci === 0) || hosts.length === 0) {
        outcome = {
          kind: 'failure',
          error:
            scope === 'all_peers' && hosts.length > 0
              ? `all peers preheat failed: group_${i} ${taskUuid} ${hosts[0]!.ip} ${hosts[0]!.hostName} task ${i.toString(16)}e1 failed: rpc error: code = Unavailable desc = connection refused`
              : `cluster ${c.id} scheduler ${sched?.ip ?? '10.0.0.1'} no available seed peer`,
        };
      } else {
        const failing = kind === 'partial' && hosts.length > 1 ? hosts.slice(-1 - Math.floor(r() * Math.min(2, hosts.length - 1))) : [];
        outcome = {
          kind: 'success',
          succeeded: hosts.filter((h) => !failing.includes(h)).flatMap((h) => layerUrls.map((url) => ({ url, hostname: h.hostName, ip: h.ip }))),
          failed: failing.flatMap((h) =>
            layerUrls.slice(0, 1 + Math.floor(r() * layerUrls.length)).map((url) => ({
              url,
              hostname: h.hostName,
              ip: h.ip,
              description: `task ${(i * 7919).toString(16)}c0 failed: rpc error: code = DeadlineExceeded desc = context deadline exceeded`,
            })),
          ),
        };
      }
      return { clusterId: c.id, taskUuid, outcome, doneAfterS };
    });
    jobs.push({
      createdAt,
      patchedAt: null,
      taskId: `group_${randomUUID()}`,
      bio: pick(DESCRIPTIONS),
      type: 'preheat',
      args: {
        type: image ? 'image' : 'file',
        url: image ? urls[0] : '',
        urls: image ? null : urls,
        piece_length: r() < 0.2 ? 8388608 : null,
        tag: '',
        application: '',
        filtered_query_params: 'X-Amz-Algorithm&X-Amz-Credential&X-Amz-Date&X-Amz-Expires&X-Amz-SignedHeaders&X-Amz-Signature&ns',
        headers: image && r() < 0.3 ? { Authorization: 'Bearer registry-pull-token-42' } : null,
        username: image && r() < 0.3 ? 'robot$ci' : '',
        password: image && r() < 0.3 ? 'registry-secret-pw' : '',
        platform: image ? pick(['linux/amd64', 'linux/arm64', '']) : '',
        scope,
        ips: null,
        percentage: scope !== 'single_seed_peer' && r() < 0.3 ? 50 : null,
        count: null,
        concurrent_task_count: 8,
        concurrent_peer_count: 500,
        timeout: 3_600_000_000_000,
        object_storage: null,
        hdfs: null,
      },
      userId: 1,
      clusterIds: targets.map((c) => c.id),
      tasks,
      pollerLostAt: null,
    });
  }
  // Ids grow with time on a real manager: insert oldest first.
  m.insertJobs(jobs.reverse());
  return jobs.length;
}

export interface InventoryOptions {
  clusters: { name: string; schedulers?: number; preheatFeature?: boolean; seedPeers?: number; peers?: number; jobRateLimit?: number; idc?: string; location?: string }[];
  /** Second octet of the 10.x.y.z addresses, so managers differ. */
  net: number;
}

/** Clusters with schedulers, seed peers and peers. Cluster 1 (`cluster-1`) exists already and is renamed. */
export function seedInventory(m: SimManager, opts: InventoryOptions) {
  opts.clusters.forEach((spec, i) => {
    const c = i === 0 ? m.clusters[0]! : m.addCluster({ name: spec.name });
    c.name = spec.name;
    c.jobRateLimit = spec.jobRateLimit ?? 10;
    c.scopes = { idc: spec.idc ?? '', location: spec.location ?? '', cidrs: [`10.${opts.net}.${c.id}.0/24`], hostnames: null };
    for (let s = 0; s < (spec.schedulers ?? 1); s++) {
      m.addScheduler({
        clusterId: c.id,
        hostName: `${spec.name}-scheduler-${s}`,
        ip: `10.${opts.net}.${c.id}.${1 + s}`,
        features: spec.preheatFeature === false ? ['schedule'] : ['schedule', 'preheat'],
      });
    }
    for (let s = 0; s < (spec.seedPeers ?? 3); s++) {
      m.addSeedPeer({ clusterId: c.id, hostName: `${spec.name}-seed-${s}`, ip: `10.${opts.net}.${c.id}.${10 + s}` });
    }
    for (let p = 0; p < (spec.peers ?? 12); p++) {
      m.addPeer({
        clusterId: c.id,
        hostName: `${spec.name}-node-${String(p).padStart(3, '0')}`,
        ip: `10.${opts.net}.${c.id}.${50 + p}`,
        gitVersion: p % 5 === 0 ? 'v1.0.9' : 'v1.0.12',
        gitCommit: p % 5 === 0 ? '4f1c2a9' : '8e2d7b1',
      });
    }
  });
}
