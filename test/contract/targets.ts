import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Simulator } from '../../tools/manager-sim/simulator';

export interface Host {
  hostname: string;
  ip: string;
}

/** The one-layer image the target's registry holds. */
export interface TestImage {
  manifestUrl: string;
  /** The config blob and the layer. */
  blobUrls: string[];
  platform: string;
}

/**
 * The manager a contract case talks to: the real v2.5.1 manager started by scripts/real-stack, or the
 * simulator set up the way a fresh real manager starts (root/dragonfly, cluster-1, a seeded PAT, no
 * scheduler until the suite starts one).
 */
export interface Target {
  kind: 'real' | 'sim';
  url: string;
  /** The PAT seeded through DRAGONFLY_PAT. */
  pat: string;
  schedulerUp(): Promise<void>;
  schedulerDown(): Promise<void>;
  /** Start the seed peers and peers (dfdaemon 1.4.2) and wait until the scheduler can preheat on them. */
  peersUp(): Promise<void>;
  /** Stop them, and leave a scheduler that knows no seed peer, as before peersUp. */
  peersDown(): Promise<void>;
  /** Make a peer fail every download from a source. */
  breakPeer(hostname: string): Promise<void>;
  /** Let a broken peer reach sources again. */
  fixPeer(hostname: string): Promise<void>;
  seedPeers: Host[];
  /** The normal peers, for `all_peers`. */
  peers: Host[];
  /** A small file every working peer can fetch; `tag` makes the URL, and so the Dragonfly task, new. */
  fileUrl(tag: string): string;
  /** A URL on a port where nothing listens. */
  unreachableUrl: string;
  image: TestImage;
  /** Let manager time pass: the simulator's clock jumps, the real manager is waited for. */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

const run = promisify(execFile);
const root = join(__dirname, '../..');
const REAL_STACK = join(root, 'scripts/real-stack/real-stack.sh');
export const SEEDED_PAT = 'c2ltdWxhdGVkLWRyYWdvbmZseS1wYXQtMDAwMDAwMDAwMDAx';

/** What scripts/real-stack writes to stack.json (its README describes every field). */
interface Stack {
  managerUrl: string;
  pat: string;
  workDir: string;
  fileServerUrl?: string;
  unreachableUrl: string;
  image: TestImage;
  seedPeers: Host[];
  peers: Host[];
}

async function realTarget(): Promise<Target> {
  const file = process.env.DESK_REAL_STACK ?? '/tmp/dragonfly-desk-real-stack/stack.json';
  if (!existsSync(file)) {
    throw new Error(`No real Dragonfly stack: ${file} is missing. Start one with \`scripts/real-stack/real-stack.sh up --no-scheduler\` (npm test does).`);
  }
  const stack = JSON.parse(readFileSync(file, 'utf8')) as Stack;
  if (!stack.fileServerUrl) throw new Error(`${file} comes from an older real-stack.sh without peers or sources: run \`real-stack.sh down\` and \`up\` again.`);
  const env = { ...process.env, DF_WORK_DIR: stack.workDir };
  const stackCommand = async (args: string[], timeout: number) => {
    await run('bash', [REAL_STACK, ...args], { env, timeout });
  };
  return {
    kind: 'real',
    url: stack.managerUrl,
    pat: stack.pat,
    schedulerUp: () => stackCommand(['scheduler-up'], 180_000),
    schedulerDown: () => stackCommand(['scheduler-down'], 60_000),
    // Up to 30 s of it is the scheduler's next seed-peer health check.
    peersUp: () => stackCommand(['peers-up'], 180_000),
    peersDown: () => stackCommand(['peers-down'], 180_000),
    breakPeer: (hostname) => stackCommand(['break-peer', hostname], 120_000),
    fixPeer: (hostname) => stackCommand(['fix-peer', hostname], 120_000),
    seedPeers: stack.seedPeers,
    peers: stack.peers,
    fileUrl: (tag) => `${stack.fileServerUrl}/hello.txt?desk=${tag}-${Date.now()}`,
    unreachableUrl: stack.unreachableUrl,
    image: stack.image,
    wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    close: async () => undefined,
  };
}

/** The simulator stands in for the same hosts and sources as the real stack. */
const SIM_SEEDS = [
  { hostname: 'desk-seed-1', ip: '127.0.0.1' },
  { hostname: 'desk-seed-2', ip: '127.0.0.2' },
];
const SIM_PEERS = [
  { hostname: 'desk-peer-1', ip: '127.0.0.3' },
  { hostname: 'desk-peer-2', ip: '127.0.0.4' },
];
const SIM_REGISTRY = 'http://10.77.0.2:5000/v2/test/hello';
const SIM_IMAGE: TestImage = {
  manifestUrl: `${SIM_REGISTRY}/manifests/v1`,
  blobUrls: ['config', 'layer'].map((b) => `${SIM_REGISTRY}/blobs/sha256:${createHash('sha256').update(b).digest('hex')}`),
  platform: 'linux/amd64',
};

async function simTarget(): Promise<Target> {
  const sim = new Simulator();
  const m = await sim.addManager('contract');
  m.addPat({ token: SEEDED_PAT, name: 'default' });
  m.closedSources.add('http://127.0.0.1:9');
  m.images.set(SIM_IMAGE.manifestUrl, SIM_IMAGE.blobUrls);
  return {
    kind: 'sim',
    url: m.url,
    pat: SEEDED_PAT,
    async schedulerUp() {
      if (m.schedulers.length === 0) m.addScheduler({ clusterId: 1, hostName: 'df-desk-scheduler', ip: '127.0.0.1' });
      else m.setSchedulerState('active');
    },
    async schedulerDown() {
      m.setSchedulerState('inactive');
    },
    async peersUp() {
      for (const h of SIM_SEEDS) m.announceHost({ clusterId: 1, hostName: h.hostname, ip: h.ip, seed: true });
      for (const h of SIM_PEERS) m.announceHost({ clusterId: 1, hostName: h.hostname, ip: h.ip, seed: false });
    },
    async peersDown() {
      m.announcedHosts = [];
    },
    async breakPeer(hostname) {
      m.setReachesSources(hostname, false);
    },
    async fixPeer(hostname) {
      m.setReachesSources(hostname, true);
    },
    seedPeers: SIM_SEEDS,
    peers: SIM_PEERS,
    fileUrl: (tag) => `http://127.0.0.1:18090/hello.txt?desk=${tag}`,
    unreachableUrl: 'http://127.0.0.1:9/unreachable.bin',
    image: SIM_IMAGE,
    async wait(ms) {
      sim.clock.advance(ms);
    },
    close: () => sim.close(),
  };
}

export function openTarget(): Promise<Target> {
  return process.env.CONTRACT_TARGET === 'real' ? realTarget() : simTarget();
}
