import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimClock } from './clock';
import { observeCached } from './observe';
import type { Faults } from './faults';
import { readBody } from './http-util';
import { SimManager, type CreatePlan } from './manager';
import type { SimJob } from './model';
import { seedInventory, seedJobs, type InventoryOptions, type SeedJobsOptions } from './seed';

/**
 * A set of simulated managers sharing one clock, plus a control API on its own loopback port that
 * tests and `npm run demo` use to seed data, inject faults and move time.
 */
export class Simulator {
  readonly clock = new SimClock();
  readonly managers = new Map<string, SimManager>();
  private control: Server | null = null;
  controlUrl = '';

  async addManager(name: string, opts: { port?: number; jwtTimeoutS?: number; maxRefreshS?: number } = {}): Promise<SimManager> {
    if (this.managers.has(name)) throw new Error(`manager ${name} exists`);
    const m = new SimManager({ name, clock: this.clock, ...opts });
    await m.start(opts.port ?? 0);
    this.managers.set(name, m);
    return m;
  }

  get(name: string): SimManager {
    const m = this.managers.get(name);
    if (!m) throw new Error(`no simulated manager named ${name}`);
    return m;
  }

  async startControl(port = 0): Promise<string> {
    this.control = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://control.invalid');
        const text = await readBody(req);
        const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        try {
          const out = await this.command(req.method ?? 'GET', url.pathname, body);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(out ?? {}));
        } catch (err) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: (err as Error).message }));
        }
      })();
    });
    await new Promise<void>((resolve) => this.control!.listen(port, '127.0.0.1', () => resolve()));
    this.controlUrl = `http://127.0.0.1:${(this.control.address() as AddressInfo).port}`;
    return this.controlUrl;
  }

  describe() {
    return {
      controlUrl: this.controlUrl,
      now: new Date(this.clock.now()).toISOString(),
      managers: [...this.managers.values()].map((m) => ({ name: m.name, url: m.url, running: m.running, jobs: m.jobs.size })),
    };
  }

  /** The control API. Paths: /state, /clock/advance, /managers, /managers/<name>/<verb>. */
  async command(method: string, path: string, body: Record<string, unknown>): Promise<unknown> {
    if (method === 'GET' && path === '/state') return this.describe();
    if (method === 'POST' && path === '/clock/advance') {
      this.clock.advance(Number(body.ms));
      return this.describe();
    }
    if (method === 'POST' && path === '/managers') {
      const m = await this.addManager(String(body.name), body as { port?: number });
      return { name: m.name, url: m.url };
    }
    const match = /^\/managers\/([^/]+)\/([a-z-]+)$/.exec(path);
    if (!match) throw new Error(`unknown control path ${method} ${path}`);
    const m = this.get(decodeURIComponent(match[1]!));
    switch (`${method} ${match[2]}`) {
      case 'POST stop':
        await m.stop();
        return { running: false };
      case 'POST start':
        await m.start();
        return { running: true, url: m.url };
      case 'POST restart':
        await m.restart();
        return { running: true };
      case 'POST faults':
        m.faults = { ...m.faults, ...(body as Partial<Faults>) };
        return m.faults;
      case 'POST expire-tokens':
        m.expireTokens();
        return {};
      case 'POST revoke-pat':
        m.revokePat(String(body.token));
        return {};
      case 'POST gc':
        return { purged: m.gc(body.ttlMs === undefined ? undefined : Number(body.ttlMs)) };
      case 'POST create-plan':
        m.createPlan = { ...m.createPlan, ...(body as Partial<CreatePlan>) };
        return m.createPlan;
      case 'POST users':
        return m.addUser(String(body.name), String(body.password), body.role === 'root' ? 'root' : 'guest');
      case 'POST pats':
        return m.addPat(body as Parameters<SimManager['addPat']>[0]);
      case 'POST inventory':
        seedInventory(m, body as unknown as InventoryOptions);
        return { clusters: m.clusters.length };
      case 'POST seed':
        return { count: seedJobs(m, body as unknown as SeedJobsOptions) };
      case 'POST jobs':
        return m.insertJob({ ...(body as Omit<SimJob, 'id'>), patchedAt: null, pollerLostAt: null, createdAt: Number(body.createdAt ?? m.clock.now()) });
      case 'POST schedulers':
        return m.addScheduler(body as Parameters<SimManager['addScheduler']>[0]);
      case 'POST scheduler-state':
        m.setSchedulerState(body.state === 'inactive' ? 'inactive' : 'active', body.clusterId === undefined ? undefined : Number(body.clusterId));
        return { schedulers: m.schedulers.length };
      case 'POST gc-policy':
        m.gcPolicy = { ...m.gcPolicy, ...(body as Partial<SimManager['gcPolicy']>) };
        return m.gcPolicy;
      case 'GET requests':
        return m.requestLog;
      case 'GET job-states':
        // What the manager's database says about every job now: benchmarks compare it with what the app saw.
        return [...m.jobs.values()].map((j) => {
          const seen = observeCached(j, m.clock.now());
          return { id: j.id, state: seen.state, updatedAt: seen.updatedAt };
        });
      default:
        throw new Error(`unknown control verb ${method} ${match[2]}`);
    }
  }

  async close() {
    await Promise.all([...this.managers.values()].map((m) => m.stop()));
    if (this.control) await new Promise<void>((r) => this.control!.close(() => r()));
  }
}
