import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import processes from '../../scripts/lib/processes.cjs';

/**
 * A simulator scenario in its own process (so this process's memory is the back end's), its control
 * API, and a registry signed in to each of its managers.
 */

interface SimInfo {
  controlUrl: string;
  managers: { name: string; url: string }[];
}

export interface SimJobState {
  id: number;
  state: 'PENDING' | 'SUCCESS' | 'FAILURE';
  updatedAt: number;
}

/** A call to the simulator's control API (tools/manager-sim/simulator.ts lists its paths). */
export const simControl =
  (controlUrl: string) =>
  async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${controlUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`simulator ${method} ${path}: HTTP ${res.status}`);
    return res.json();
  };

export async function simProcess(scenario: string) {
  const { child, info } = (await processes.startSimulator(scenario)) as { child: { kill(): void }; info: SimInfo };
  const control = simControl(info.controlUrl);
  const dir = mkdtempSync(join(tmpdir(), `desk-${scenario}-`));
  const registry = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
  await registry.load();
  /** Registry id → simulator manager name. */
  const names = new Map<string, string>();
  for (const m of info.managers) {
    const id = (await registry.add({ name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
    names.set(id, m.name);
  }
  return {
    dir,
    registry,
    names,
    info,
    now: async () => Date.parse((await control('GET', '/state')).now),
    advance: (ms: number) => control('POST', '/clock/advance', { ms }),
    /** Every job's state in the manager's database, keyed `<manager name>:<job id>`. */
    async jobStates(): Promise<Map<string, SimJobState>> {
      const out = new Map<string, SimJobState>();
      for (const m of info.managers) for (const j of (await control('GET', `/managers/${encodeURIComponent(m.name)}/job-states`)) as SimJobState[]) out.set(`${m.name}:${j.id}`, j);
      return out;
    },
    async close() {
      await registry.dispose();
      child.kill();
    },
  };
}
