import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Simulator } from '../../tools/manager-sim/simulator';

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
  /** Let manager time pass: the simulator's clock jumps, the real manager is waited for. */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

const run = promisify(execFile);
const root = join(__dirname, '../..');
const REAL_STACK = join(root, 'scripts/real-stack/real-stack.sh');
export const SEEDED_PAT = 'c2ltdWxhdGVkLWRyYWdvbmZseS1wYXQtMDAwMDAwMDAwMDAx';

async function realTarget(): Promise<Target> {
  const file = process.env.DESK_REAL_STACK ?? '/tmp/dragonfly-desk-real-stack/stack.json';
  if (!existsSync(file)) {
    throw new Error(`No real Dragonfly stack: ${file} is missing. Start one with \`scripts/real-stack/real-stack.sh up --no-scheduler\` (npm test does).`);
  }
  const stack = JSON.parse(readFileSync(file, 'utf8')) as { managerUrl: string; pat: string; workDir: string };
  const env = { ...process.env, DF_WORK_DIR: stack.workDir };
  return {
    kind: 'real',
    url: stack.managerUrl,
    pat: stack.pat,
    async schedulerUp() {
      await run('bash', [REAL_STACK, 'scheduler-up'], { env, timeout: 180_000 });
    },
    async schedulerDown() {
      await run('bash', [REAL_STACK, 'scheduler-down'], { env, timeout: 60_000 });
    },
    wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    close: async () => undefined,
  };
}

async function simTarget(): Promise<Target> {
  const sim = new Simulator();
  const m = await sim.addManager('contract');
  m.addPat({ token: SEEDED_PAT, name: 'default' });
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
    async wait(ms) {
      sim.clock.advance(ms);
    },
    close: () => sim.close(),
  };
}

export function openTarget(): Promise<Target> {
  return process.env.CONTRACT_TARGET === 'real' ? realTarget() : simTarget();
}
