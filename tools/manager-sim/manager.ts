import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SimClock } from './clock';
import { noFaults, seeded, type Faults, type RandomFault } from './faults';
import { errors, json, linkHeader, message, readBody, writeReply, ginJson, type Reply } from './http-util';
import { signJwt, verifyJwt } from './jwt';
import type { SimAnnouncedHost, SimCluster, SimJob, SimPat, SimPeer, SimScheduler, SimSeedPeer, SimTask, SimUser } from './model';
import { observeCached } from './observe';
import * as ser from './serialize';
import { decodePreheatArgs, fieldError, IMAGE_MANIFEST, isZeroArgs, validatePreheatArgs } from './validate';

export interface SimManagerOptions {
  name: string;
  clock: SimClock;
  jwtKey?: string;
  /** auth.jwt.timeout and auth.jwt.maxRefresh, seconds (defaults 14 d / 7 d). */
  jwtTimeoutS?: number;
  maxRefreshS?: number;
  /** The manager's own IP as it reports it in X-Server-IP. */
  serverIp?: string;
}

/** How jobs created through the API will end, unless a test says otherwise. */
export interface CreatePlan {
  /** Seconds after creation when schedulers finish. */
  doneAfterS: number;
  /** Force an outcome instead of deriving one from the cluster's inventory. */
  force?: 'success' | 'partial' | 'failure' | 'never';
}

const DEFAULT_FILTERED_QUERY_PARAMS =
  'X-Amz-Algorithm&X-Amz-Credential&X-Amz-Date&X-Amz-Expires&X-Amz-SignedHeaders&X-Amz-Signature&X-Amz-Security-Token&X-Amz-User-Agent&X-Goog-Algorithm&X-Goog-Credential&X-Goog-Date&X-Goog-Expires&X-Goog-SignedHeaders&X-Goog-Signature&OSSAccessKeyId&Expires&Signature&SecurityToken&AccessKeyId&Signature&Expires&X-Obs-Date&X-Obs-Security-Token&q-sign-algorithm&q-ak&q-sign-time&q-key-time&q-header-list&q-url-param-list&q-signature&x-cos-security-token&ns';


const UNAUTHORIZED = () => message(401, 'Unauthorized', { 'WWW-Authenticate': 'JWT realm=Dragonfly' });

interface Ctx {
  req: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  params: string[];
  user?: SimUser;
}

type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/** One simulated Dragonfly manager (REST API only), following manager-api.md. */
export class SimManager {
  readonly name: string;
  readonly clock: SimClock;
  private readonly jwtKey: string;
  readonly jwtTimeoutS: number;
  readonly maxRefreshS: number;
  private readonly serverIp: string;

  users: SimUser[] = [];
  pats: SimPat[] = [];
  clusters: SimCluster[] = [];
  schedulers: SimScheduler[] = [];
  seedPeers: SimSeedPeer[] = [];
  peers: SimPeer[] = [];
  /** Hosts the schedulers know and the manager does not: seed peers and peers running dfdaemon 1.4.2. */
  announcedHosts: SimAnnouncedHost[] = [];
  /** Source origins where nothing listens: every download from them fails. */
  readonly closedSources = new Set<string>();
  /** The images the simulated registry holds: manifest URL → blob URLs. Other images get made-up layers. */
  readonly images = new Map<string, string[]>();
  jobs = new Map<number, SimJob>();
  /** Newest first, kept sorted for fast list pages. */
  private jobOrder: SimJob[] = [];
  private nextId = { user: 1, pat: 1, cluster: 1, scheduler: 1, seedPeer: 1, peer: 1, job: 1 };

  faults: Faults = noFaults();
  /** Random faults drawn so far, by kind (a soak reports them). */
  readonly injected: Record<RandomFault, number> = { 'reset-before': 0, 'reset-after': 0, slow: 0, 'proxy-5xx': 0, 'rate-limited': 0 };
  private draw: { seed: number; next: () => number } | null = null;
  createPlan: CreatePlan = { doneAfterS: 20 };
  /** GCRA theoretical arrival time per cluster, for the job rate limit. */
  private readonly rate = new Map<number, number>();
  /** Tokens issued before this instant are rejected: an "expired JWT" fault. */
  private tokensValidAfter = 0;
  /** The manager's job GC: every 3 h it deletes jobs older than the TTL (6 h), so jobs live 6–9 h. */
  gcPolicy = { ttlMs: 6 * 3600_000, everyMs: 3 * 3600_000, enabled: true };
  private nextGcAt: number;
  private readonly lastSignIn = new Map<number, number>();
  /** How long a successful sign-in keeps the same user's next one from working (see signIn); a real manager's can last 30 s. */
  signInCacheMs = 1000;

  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /** Every request seen, for tests that count calls, with the bytes of its answer (headers and body) once sent. */
  readonly requestLog: { method: string; path: string; query: string; at: number; bytes?: number }[] = [];

  constructor(opts: SimManagerOptions) {
    this.name = opts.name;
    this.clock = opts.clock;
    this.jwtKey = opts.jwtKey ?? randomUUID();
    this.jwtTimeoutS = opts.jwtTimeoutS ?? 14 * 86400;
    this.maxRefreshS = opts.maxRefreshS ?? 7 * 86400;
    this.serverIp = opts.serverIp ?? '127.0.0.1';
    this.nextGcAt = this.clock.now() + this.gcPolicy.everyMs;
    // An empty database seeds root/dragonfly and cluster-1 (manager-api.md §2.5).
    this.addUser('root', 'dragonfly', 'root');
    this.addCluster({ name: 'cluster-1', isDefault: true });
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  // ---- inventory --------------------------------------------------------------------------

  addUser(name: string, password: string, role: 'root' | 'guest', email = ''): SimUser {
    const u: SimUser = { id: this.nextId.user++, name, password, role, email, createdAt: this.clock.now() };
    this.users.push(u);
    return u;
  }

  addPat(opts: { token: string; name?: string; scopes?: string[]; state?: 'active' | 'inactive'; expiredAt?: number; userId?: number }): SimPat {
    const p: SimPat = {
      id: this.nextId.pat++,
      name: opts.name ?? `token-${this.nextId.pat}`,
      token: opts.token,
      scopes: opts.scopes ?? ['job', 'cluster'],
      state: opts.state ?? 'active',
      expiredAt: opts.expiredAt ?? this.clock.now() + 10 * 365 * 86400_000,
      userId: opts.userId ?? 1,
      createdAt: this.clock.now(),
    };
    this.pats.push(p);
    return p;
  }

  addCluster(opts: Partial<Omit<SimCluster, 'id'>> & { name: string }): SimCluster {
    const c: SimCluster = {
      id: this.nextId.cluster++,
      name: opts.name,
      bio: opts.bio ?? '',
      isDefault: opts.isDefault ?? false,
      jobRateLimit: opts.jobRateLimit ?? 10,
      scopes: opts.scopes ?? { idc: '', location: '', cidrs: null, hostnames: null },
      // Backdated so the rate limiter (rebuilt every 3 min) already knows seeded clusters.
      createdAt: opts.createdAt ?? this.clock.now() - 3600_000,
    };
    this.clusters.push(c);
    return c;
  }

  addScheduler(opts: { clusterId: number; hostName: string; ip: string; state?: 'active' | 'inactive'; features?: string[] }): SimScheduler {
    const s: SimScheduler = {
      id: this.nextId.scheduler++,
      hostName: opts.hostName,
      ip: opts.ip,
      port: 8002,
      state: opts.state ?? 'active',
      features: opts.features ?? ['schedule', 'preheat'],
      clusterId: opts.clusterId,
      lastKeepAliveAt: this.clock.now(),
      createdAt: this.clock.now() - 86400_000,
    };
    this.schedulers.push(s);
    return s;
  }

  addSeedPeer(opts: { clusterId: number; hostName: string; ip: string; state?: 'active' | 'inactive' }): SimSeedPeer {
    const p: SimSeedPeer = {
      id: this.nextId.seedPeer++,
      hostName: opts.hostName,
      ip: opts.ip,
      port: 65006,
      downloadPort: 65002,
      state: opts.state ?? 'active',
      clusterId: opts.clusterId,
      createdAt: this.clock.now() - 86400_000,
    };
    this.seedPeers.push(p);
    return p;
  }

  addPeer(opts: { clusterId: number; hostName: string; ip: string; gitVersion?: string; gitCommit?: string; state?: 'active' | 'inactive' }): SimPeer {
    const p: SimPeer = {
      id: this.nextId.peer++,
      hostName: opts.hostName,
      ip: opts.ip,
      state: opts.state ?? 'active',
      gitVersion: opts.gitVersion ?? 'v1.0.0',
      gitCommit: opts.gitCommit ?? 'a1b2c3d',
      clusterId: opts.clusterId,
      createdAt: this.clock.now() - 86400_000,
    };
    this.peers.push(p);
    this.peerIndex = null;
    return p;
  }

  /** Peers by scheduler cluster, built on first use after a change: a 200,000-peer manager answers a count probe without scanning them all. */
  private peerIndex: Map<number, SimPeer[]> | null = null;

  peersOf(clusterId: number): SimPeer[] {
    if (!this.peerIndex) {
      this.peerIndex = new Map();
      for (const p of this.peers) {
        const list = this.peerIndex.get(p.clusterId);
        if (list) list.push(p);
        else this.peerIndex.set(p.clusterId, [p]);
      }
    }
    return this.peerIndex.get(clusterId) ?? [];
  }

  /** A dfdaemon announcing itself to the cluster's scheduler (again: it replaces the host's record). */
  announceHost(opts: { clusterId: number; hostName: string; ip: string; seed: boolean }): SimAnnouncedHost {
    const h: SimAnnouncedHost = { ...opts, reachesSources: true };
    this.announcedHosts = [...this.announcedHosts.filter((x) => x.hostName !== opts.hostName), h];
    return h;
  }

  setReachesSources(hostName: string, reaches: boolean) {
    const h = this.announcedHosts.find((x) => x.hostName === hostName);
    if (!h) throw new Error(`no announced host named ${hostName}`);
    h.reachesSources = reaches;
  }

  /** Insert a job directly (seeding); keeps the newest-first order. */
  insertJob(j: Omit<SimJob, 'id'> & { id?: number }): SimJob {
    const job: SimJob = { ...j, id: j.id ?? this.nextId.job++ };
    this.nextId.job = Math.max(this.nextId.job, job.id + 1);
    this.jobs.set(job.id, job);
    // Seeds arrive mostly in order; insert from the front, where the newest sit.
    let i = 0;
    while (i < this.jobOrder.length && this.newer(this.jobOrder[i]!, job)) i++;
    this.jobOrder.splice(i, 0, job);
    return job;
  }

  /** The manager's database was reset: every job is gone and ids start again at 1. */
  resetJobs() {
    this.jobs.clear();
    this.jobOrder.length = 0;
    this.nextId.job = 1;
  }

  /** Bulk insert for large seeds: one sort instead of one splice per job. */
  insertJobs(list: (Omit<SimJob, 'id'> & { id?: number })[]) {
    for (const j of list) {
      const job: SimJob = { ...j, id: j.id ?? this.nextId.job++ };
      this.nextId.job = Math.max(this.nextId.job, job.id + 1);
      this.jobs.set(job.id, job);
      this.jobOrder.push(job);
    }
    this.jobOrder.sort((a, b) => (this.newer(a, b) ? -1 : 1));
  }

  private newer(a: SimJob, b: SimJob) {
    return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
  }

  deleteJob(id: number): boolean {
    const j = this.jobs.get(id);
    if (!j) return false;
    this.jobs.delete(id);
    this.jobOrder.splice(this.jobOrder.indexOf(j), 1);
    return true;
  }

  /** The manager's GC: hard-delete every job older than the TTL (6 h by default). */
  gc(ttlMs = 6 * 3600_000): number {
    const cutoff = this.clock.now() - ttlMs;
    const old = this.jobOrder.filter((j) => j.createdAt < cutoff);
    for (const j of old) this.deleteJob(j.id);
    return old.length;
  }

  /** Run the GC passes the clock has reached since the last request. */
  runDueGc() {
    if (!this.gcPolicy.enabled) return;
    while (this.clock.now() >= this.nextGcAt) {
      const at = this.nextGcAt;
      for (const j of this.jobOrder.filter((x) => x.createdAt < at - this.gcPolicy.ttlMs)) this.deleteJob(j.id);
      this.nextGcAt += this.gcPolicy.everyMs;
    }
  }

  setSchedulerState(state: 'active' | 'inactive', clusterId?: number) {
    for (const s of this.schedulers) if (clusterId === undefined || s.clusterId === clusterId) s.state = state;
  }

  /** Every JWT issued so far stops working, as when it expires. */
  expireTokens() {
    this.tokensValidAfter = Math.floor(this.clock.now() / 1000) + 1;
  }

  revokePat(token: string) {
    this.pats = this.pats.filter((p) => p.token !== token);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  async start(port = this.port): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Down: the port refuses connections until `start()` again. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A restart loses every poller goroutine: pending jobs stay PENDING forever (manager-api.md §3.7). */
  async restart(): Promise<void> {
    const now = this.clock.now();
    await this.stop();
    for (const j of this.jobs.values()) if (j.pollerLostAt === null && observeCached(j, now).state === 'PENDING') j.pollerLostAt = now;
    await this.start();
  }

  get running() {
    return this.server !== null;
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private routes: [string, RegExp, Handler][] = [
    ['POST', /^\/api\/v1\/users\/signin$/, (c) => this.signIn(c)],
    ['POST', /^\/api\/v1\/users\/refresh_token$/, (c) => this.refresh(c)],
    ['POST', /^\/api\/v1\/users\/signout$/, () => ({ status: 200, headers: { 'Set-Cookie': 'jwt=; Path=/; Max-Age=0' } })],
    ['POST', /^\/api\/v1\/users\/signup$/, (c) => this.signUp(c)],
    ['GET', /^\/api\/v1\/users\/(\d+)\/roles$/, (c) => this.jwt(c, 'users', () => this.roles(c))],
    ['GET', /^\/api\/v1\/users\/(\d+)$/, (c) => this.jwt(c, 'users', () => this.getUser(c))],
    ['GET', /^\/healthy$/, () => json(200, 'OK')],
    ['GET', /^\/api\/v1\/jobs$/, (c) => this.jwt(c, 'jobs', () => this.listJobs(c))],
    ['POST', /^\/api\/v1\/jobs$/, (c) => this.jwt(c, 'jobs', () => this.createJob(c))],
    ['GET', /^\/api\/v1\/jobs\/([^/]+)$/, (c) => this.jwt(c, 'jobs', () => this.getJob(c))],
    ['PATCH', /^\/api\/v1\/jobs\/([^/]+)$/, (c) => this.jwt(c, 'jobs', () => this.patchJob(c))],
    ['DELETE', /^\/api\/v1\/jobs\/([^/]+)$/, (c) => this.jwt(c, 'jobs', () => this.deleteJobRoute(c))],
    ['GET', /^\/oapi\/v1\/jobs$/, (c) => this.pat(c, 'job', () => this.listJobs(c))],
    ['POST', /^\/oapi\/v1\/jobs$/, (c) => this.pat(c, 'job', () => this.createJob(c))],
    ['GET', /^\/oapi\/v1\/jobs\/([^/]+)$/, (c) => this.pat(c, 'job', () => this.getJob(c))],
    ['PATCH', /^\/oapi\/v1\/jobs\/([^/]+)$/, (c) => this.pat(c, 'job', () => this.patchJob(c))],
    ['DELETE', /^\/oapi\/v1\/jobs\/([^/]+)$/, (c) => this.pat(c, 'job', () => this.deleteJobRoute(c))],
    ['GET', /^\/api\/v1\/clusters$/, (c) => this.jwt(c, 'clusters', () => this.listClusters(c))],
    ['GET', /^\/api\/v1\/clusters\/([^/]+)$/, (c) => this.jwt(c, 'clusters', () => this.getCluster(c))],
    ['GET', /^\/oapi\/v1\/clusters$/, (c) => this.pat(c, 'cluster', () => this.listClusters(c))],
    ['GET', /^\/oapi\/v1\/clusters\/([^/]+)$/, (c) => this.pat(c, 'cluster', () => this.getCluster(c))],
    ['GET', /^\/api\/v1\/scheduler-clusters$/, (c) => this.jwt(c, 'scheduler-clusters', () => this.listSchedulerClusters(c))],
    ['GET', /^\/api\/v1\/schedulers$/, (c) => this.jwt(c, 'schedulers', () => this.listSchedulers(c))],
    ['GET', /^\/api\/v1\/scheduler-features$/, (c) => this.jwt(c, 'scheduler-features', () => json(200, ['schedule', 'preheat']))],
    ['GET', /^\/api\/v1\/seed-peers$/, (c) => this.jwt(c, 'seed-peers', () => this.listSeedPeers(c))],
    ['GET', /^\/api\/v1\/peers$/, (c) => this.jwt(c, 'peers', () => this.listPeers(c))],
    ['GET', /^\/api\/v1\/personal-access-tokens$/, (c) => this.jwt(c, 'personal-access-tokens', () => this.listPats(c))],
    ['POST', /^\/api\/v1\/personal-access-tokens$/, (c) => this.jwt(c, 'personal-access-tokens', () => this.createPat(c))],
    ['PATCH', /^\/api\/v1\/personal-access-tokens\/(\d+)$/, (c) => this.jwt(c, 'personal-access-tokens', () => this.patchPat(c))],
  ];

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const method = req.method ?? 'GET';
    this.runDueGc();
    const logged: (typeof this.requestLog)[number] = { method, path: url.pathname, query: url.search, at: this.clock.now() };
    this.requestLog.push(logged);
    // One request at a time per connection (no pipelining), so the socket's count moves by this answer alone.
    const written = req.socket.bytesWritten;
    res.once('finish', () => (logged.bytes = req.socket.bytesWritten - written));
    const body = await readBody(req);
    const f = this.faults;
    const faulted = url.pathname.startsWith(f.pathPrefix) && (f.method === '' || f.method === method);
    if (faulted && f.times > 0 && --f.times === 0) this.faults = noFaults();
    const random = faulted ? this.randomFault(f) : null;
    if (faulted && f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (random === 'slow') await new Promise((r) => setTimeout(r, f.random!.slowMs));
    if ((faulted && f.reset === 'before-response') || random === 'reset-before') {
      req.socket.destroy();
      return;
    }
    if (random === 'rate-limited') return writeReply(res, { status: 429, text: 'rate limit exceeded', contentType: 'text/plain; charset=utf-8' }, {});
    if (random === 'proxy-5xx') return writeReply(res, { status: 502, text: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' }, {});
    const extra = { 'X-Server-Ip': `${this.serverIp}, ::1` };
    let reply: Reply;
    if (f.status5xx && url.pathname !== '/healthy' && faulted) {
      reply = { status: f.status5xx, text: `<html><body><h1>${f.status5xx} Bad Gateway</h1></body></html>`, contentType: 'text/html' };
    } else {
      const route = this.routes.find(([m, re]) => m === method && re.test(url.pathname));
      if (!route && method === 'GET' && url.pathname === '/') {
        // An installed manager has no UI: the static handler lists manager/dist/.
        reply = {
          status: 404,
          text: '<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n<a href=".gitkeep">.gitkeep</a>\n</pre>\n',
          contentType: 'text/html; charset=utf-8',
        };
      } else if (!route) {
        // gin NoRoute: unknown paths and wrong methods redirect to the console UI; only GET gets a body.
        reply =
          method === 'GET' || method === 'HEAD'
            ? { status: 301, headers: { Location: '/' }, text: '<a href="/">Moved Permanently</a>.\n\n', contentType: 'text/html; charset=utf-8' }
            : { status: 301, headers: { Location: '/' } };
      } else {
        const params = route[1].exec(url.pathname)!.slice(1);
        try {
          reply = await route[2]({ req, method, path: url.pathname, query: url.searchParams, body, params });
        } catch (err) {
          reply = message(500, (err as Error).message);
        }
      }
    }
    if (faulted && reply.json !== undefined && f.malformed !== 'none' && /\/jobs/.test(url.pathname)) {
      const text = ginJson(reply.json);
      reply = { status: reply.status, headers: reply.headers, text: f.malformed === 'invalid' ? `${text.slice(0, 20)}<<not json>>` : text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: 'application/json; charset=utf-8' };
    }
    if ((faulted && f.reset === 'mid-body') || random === 'reset-after') {
      const text = reply.text ?? (reply.json !== undefined ? ginJson(reply.json) : '');
      res.writeHead(reply.status, { ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => req.socket.destroy(), 10);
      return;
    }
    writeReply(res, reply, extra);
  }

  private randomFault(f: Faults): RandomFault | null {
    if (!f.random || f.random.kinds.length === 0) return null;
    if (this.draw?.seed !== f.random.seed) this.draw = { seed: f.random.seed, next: seeded(f.random.seed) };
    if (this.draw.next() >= f.random.rate) return null;
    const kind = f.random.kinds[Math.floor(this.draw.next() * f.random.kinds.length)]!;
    this.injected[kind]++;
    return kind;
  }

  // ---- auth -------------------------------------------------------------------------------

  private parseJson(body: string): unknown {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }

  /** encoding/json's words for a body that does not parse. */
  private decodeError(body: string): string {
    if (body.trim() === '') return 'EOF';
    try {
      JSON.parse(body);
      return '';
    } catch (err) {
      // Input that stops early is "unexpected EOF"; anything else names the offending character.
      const msg = (err as Error).message;
      const at = /position (\d+)/.exec(msg);
      const pos = at ? Number(at[1]) : body.length;
      if (/end of JSON input/.test(msg) || pos >= body.trimEnd().length) return 'unexpected EOF';
      return `invalid character '${body[pos]}' looking for beginning of value`;
    }
  }

  private issue(user: SimUser, origIat: number): Reply {
    const now = Math.floor(this.clock.now() / 1000);
    const exp = now + this.jwtTimeoutS;
    const token = signJwt({ exp, id: user.id, orig_iat: origIat }, this.jwtKey);
    return json(200, { expire: new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), token }, {
      'Set-Cookie': `jwt=${token}; Path=/; Max-Age=${this.jwtTimeoutS}`,
    });
  }

  private signIn(c: Ctx): Reply {
    const body = this.parseJson(c.body) as { name?: unknown; password?: unknown } | undefined;
    const name = body?.name;
    const password = body?.password;
    if (typeof name !== 'string' || typeof password !== 'string' || name.length < 3 || name.length > 10 || password.length < 8 || password.length > 20) {
      return UNAUTHORIZED();
    }
    const user = this.users.find((u) => u.name === name && u.password === password);
    if (!user) return UNAUTHORIZED();
    // The real manager's query cache hands the next sign-in of this user a copy without the password
    // hash until its next write clears the cache: a sign-in right after another one is refused.
    const now = this.clock.now();
    if (now - (this.lastSignIn.get(user.id) ?? -Infinity) < this.signInCacheMs) return UNAUTHORIZED();
    this.lastSignIn.set(user.id, now);
    return this.issue(user, Math.floor(now / 1000));
  }

  /** The token lookup order of gin-jwt: cookie `jwt`, then `Authorization: Bearer`, then `?token=`. */
  private tokenOf(c: Ctx): string | null {
    const cookie = (c.req.headers.cookie ?? '')
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.startsWith('jwt='));
    if (cookie && cookie.length > 4) return cookie.slice(4);
    const header = c.req.headers.authorization ?? '';
    const space = header.indexOf(' ');
    if (space > 0 && header.slice(0, space) === 'Bearer' && header.slice(space + 1)) return header.slice(space + 1);
    return c.query.get('token') || null;
  }

  private claims(c: Ctx): Record<string, unknown> | Reply {
    const token = this.tokenOf(c);
    const claims = token ? verifyJwt(token, this.jwtKey) : null;
    if (!claims) return UNAUTHORIZED();
    if (typeof claims.exp !== 'number') return message(400, 'Bad Request');
    return claims;
  }

  private refresh(c: Ctx): Reply {
    const claims = this.claims(c);
    if ('status' in claims) return claims as Reply;
    const origIat = Number(claims.orig_iat);
    if (origIat <= this.tokensValidAfter - 1 || this.clock.now() / 1000 - origIat > this.maxRefreshS) return UNAUTHORIZED();
    const user = this.users.find((u) => u.id === Number(claims.id));
    if (!user) return UNAUTHORIZED();
    return this.issue(user, Math.floor(this.clock.now() / 1000));
  }

  private jwt(c: Ctx, object: string, next: () => Reply | Promise<Reply>): Reply | Promise<Reply> {
    const claims = this.claims(c);
    if ('status' in claims) return claims as Reply;
    if ((claims.exp as number) * 1000 < this.clock.now() || Number(claims.orig_iat) < this.tokensValidAfter) return UNAUTHORIZED();
    const user = this.users.find((u) => u.id === Number(claims.id));
    if (!user) return UNAUTHORIZED();
    // RBAC: the object is the first path segment; GET is `read`, anything else `*` (root only).
    if (user.role !== 'root' && c.method !== 'GET') return message(401, 'permission deny');
    void object;
    c.user = user;
    return next();
  }

  private pat(c: Ctx, scope: 'job' | 'cluster', next: () => Reply | Promise<Reply>): Reply | Promise<Reply> {
    let token = c.query.get('access_token') ?? '';
    if (!token) {
      const fields = (c.req.headers.authorization ?? '').trim().split(/\s+/);
      if (fields.length !== 2 || fields[0]!.toLowerCase() !== 'bearer') return message(401, 'Unauthorized');
      token = fields[1]!;
    }
    const p = this.pats.find((x) => x.token === token);
    if (!p) return message(401, 'Unauthorized');
    if (p.state !== 'active') return message(403, 'Token is inactive');
    if (p.expiredAt < this.clock.now()) return message(403, 'Token has expired');
    if (p.scopes.length > 0 && !p.scopes.includes(scope)) {
      return message(403, `Token doesn't have permission to access this resource. Required permission: ${scope}`);
    }
    c.user = this.users.find((u) => u.id === p.userId);
    return next();
  }

  private signUp(c: Ctx): Reply {
    const b = this.parseJson(c.body) as { name?: string; password?: string; email?: string } | undefined;
    const missing = !b?.name ? 'Name' : !b.password ? 'Password' : !b.email ? 'Email' : null;
    if (missing) return errors(fieldError(`SignUpRequest.${missing}`, 'required'));
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b!.email!)) return errors(fieldError('SignUpRequest.Email', 'email'));
    if (this.users.some((u) => u.name === b!.name)) return message(409, 'Conflict');
    return json(200, ser.user(this.addUser(b!.name!, b!.password!, 'guest', b!.email!)));
  }

  private roles(c: Ctx): Reply {
    const u = this.users.find((x) => x.id === Number(c.params[0]));
    return json(200, u ? [u.role] : []);
  }

  private getUser(c: Ctx): Reply {
    const u = this.users.find((x) => x.id === Number(c.params[0]));
    return u ? json(200, ser.user(u)) : message(404, 'record not found');
  }

  // ---- pagination -------------------------------------------------------------------------

  private paging(c: Ctx, struct: string): { page: number; perPage: number } | Reply {
    const read = (key: string) => {
      const raw = c.query.get(key);
      if (raw === null || raw === '') return 0;
      if (!/^-?\d+$/.test(raw)) return `strconv.ParseInt: parsing "${raw}": invalid syntax`;
      return Number(raw);
    };
    const page = read('page');
    const perPage = read('per_page');
    if (typeof page === 'string') return errors(page);
    if (typeof perPage === 'string') return errors(perPage);
    const issues: string[] = [];
    if (page !== 0 && page < 1) issues.push(fieldError(`${struct}.Page`, 'gte'));
    if (perPage !== 0 && perPage < 1) issues.push(fieldError(`${struct}.PerPage`, 'gte'));
    if (perPage > 10_000_000) issues.push(fieldError(`${struct}.PerPage`, 'lte'));
    if (issues.length) return errors(issues.join('\n'));
    return { page: page || 1, perPage: perPage || 10 };
  }

  private page<T>(c: Ctx, struct: string, items: T[], render: (t: T) => unknown, nullWhenEmpty = false): Reply {
    const p = this.paging(c, struct);
    if ('status' in p) return p;
    const slice = items.slice((p.page - 1) * p.perPage, p.page * p.perPage);
    const link = linkHeader(c.path, c.query, p.page, p.perPage, items.length);
    return json(200, nullWhenEmpty && slice.length === 0 ? null : slice.map(render), { Link: link });
  }

  // ---- jobs -------------------------------------------------------------------------------

  /** A job whose user_id names no user fails AfterFind: every read of it answers 404 (manager-api.md §3.4). */
  private poisoned(j: SimJob): boolean {
    return j.userId !== 0 && !this.users.some((u) => u.id === j.userId);
  }

  private jobId(c: Ctx): number | Reply {
    const raw = c.params[0] ?? '';
    if (!/^\d+$/.test(raw)) return errors(`strconv.ParseUint: parsing "${raw}": invalid syntax`);
    const id = Number(raw);
    if (id === 0) return errors(fieldError('JobParams.ID', 'required'));
    return id;
  }

  private listJobs(c: Ctx): Reply {
    const state = c.query.get('state') ?? '';
    const states = ['PENDING', 'RECEIVED', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE'];
    if (state && !states.includes(state)) return errors(fieldError('GetJobsQuery.State', 'oneof'));
    const type = c.query.get('type') ?? '';
    const userId = Number(c.query.get('user_id') ?? 0);
    const now = this.clock.now();
    let list = this.jobOrder;
    if (type) list = list.filter((j) => j.type === type);
    if (userId) list = list.filter((j) => j.userId === userId);
    if (state) list = list.filter((j) => observeCached(j, now).state === state);
    const owners = new Map(this.users.map((u) => [u.id, u]));
    const p = this.paging(c, 'GetJobsQuery');
    if ('status' in p) return p;
    if (list.slice((p.page - 1) * p.perPage, p.page * p.perPage).some((j) => this.poisoned(j))) return message(404, 'record not found');
    return this.page(c, 'GetJobsQuery', list, (j) => ser.job(j, now, null, owners.get(j.userId)));
  }

  private getJob(c: Ctx): Reply {
    const id = this.jobId(c);
    if (typeof id !== 'number') return id;
    const j = this.jobs.get(id);
    if (!j || this.poisoned(j)) return message(404, 'record not found');
    const owner = this.users.find((u) => u.id === j.userId);
    const clusters = this.clusters.filter((x) => j.clusterIds.includes(x.id));
    return json(200, ser.job(j, this.clock.now(), { owner, clusters }, owner));
  }

  private patchJob(c: Ctx): Reply {
    const id = this.jobId(c);
    if (typeof id !== 'number') return id;
    const body = this.parseJson(c.body) as { bio?: unknown; user_id?: unknown } | undefined;
    if (body === undefined) return errors(this.decodeError(c.body));
    const j = this.jobs.get(id);
    if (!j || this.poisoned(j)) return message(404, 'record not found');
    // GORM struct Updates skips zero values: an empty bio changes nothing, but updated_at still moves.
    if (typeof body.bio === 'string' && body.bio !== '') j.bio = body.bio;
    if (typeof body.user_id === 'number' && body.user_id > 0) j.userId = body.user_id;
    j.patchedAt = this.clock.now();
    // The update response does not load the user: it is always the zero user.
    const clusters = this.clusters.filter((x) => j.clusterIds.includes(x.id));
    return json(200, ser.job(j, this.clock.now(), { owner: undefined, clusters }, undefined));
  }

  private deleteJobRoute(c: Ctx): Reply {
    const id = this.jobId(c);
    if (typeof id !== 'number') return id;
    const j = this.jobs.get(id);
    if (!j || this.poisoned(j)) return message(404, 'record not found');
    this.deleteJob(id);
    return { status: 200 };
  }

  /** POST /jobs: rate limiter middleware, envelope binding, preheat binding, then the service. */
  private createJob(c: Ctx): Reply {
    const body = this.parseJson(c.body);
    const envelopeError = this.bindEnvelope(c.body, body);
    if (envelopeError) {
      // The rate limiter writes its 422 without aborting; the handler binds again and writes another.
      const once = ginJson({ errors: envelopeError });
      return { status: 422, text: once + once, contentType: 'application/json; charset=utf-8' };
    }
    const env = body as { type: string; bio?: string; user_id?: number; scheduler_cluster_ids?: number[] | null; args?: unknown };
    const ids = env.scheduler_cluster_ids ?? [];
    if (!this.allow(ids)) return { status: 429, text: 'rate limit exceeded' };
    if (env.type !== 'preheat') return errors('Unknow type');
    const args = (env.args ?? {}) as Record<string, unknown>;
    if (typeof args !== 'object' || Array.isArray(args)) {
      return errors(`json: cannot unmarshal ${Array.isArray(args) ? 'array' : typeof args} into Go struct field CreatePreheatJobRequest.args of type types.PreheatArgs`);
    }
    const decodeError = decodePreheatArgs(args);
    if (decodeError) return errors(decodeError);
    if (!isZeroArgs(args)) {
      const issues = validatePreheatArgs(args);
      if (issues.length) return errors(issues.join('\n'));
    }
    return this.createPreheat(env, args);
  }

  private bindEnvelope(raw: string, body: unknown): string | null {
    if (body === undefined) return this.decodeError(raw);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return `json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type types.CreateJobRequest`;
    }
    const b = body as Record<string, unknown>;
    if (b.scheduler_cluster_ids !== undefined && b.scheduler_cluster_ids !== null) {
      const ids = b.scheduler_cluster_ids;
      if (!Array.isArray(ids)) return `json: cannot unmarshal ${typeof ids} into Go struct field CreateJobRequest.scheduler_cluster_ids of type []uint`;
      if (ids.some((x) => typeof x !== 'number' || x < 0 || !Number.isInteger(x))) {
        return 'json: cannot unmarshal number into Go struct field CreateJobRequest.scheduler_cluster_ids of type uint';
      }
    }
    if (typeof b.type !== 'string' || b.type === '') return fieldError('CreateJobRequest.Type', 'required');
    return null;
  }

  /**
   * redis_rate GCRA `PerSecond(job_rate_limit)` per cluster: a burst of `limit`, then one slot back every
   * 1/limit s. A cluster the limiter does not know (absent, or created in the last 3 min) is refused.
   */
  private allow(ids: number[]): boolean {
    const now = this.clock.now();
    for (const id of ids) {
      const cluster = this.clusters.find((x) => x.id === id);
      if (!cluster || now - cluster.createdAt < 180_000) return false;
      const interval = 1000 / cluster.jobRateLimit;
      const tat = Math.max(this.rate.get(id) ?? now, now) + interval;
      if (tat - interval * cluster.jobRateLimit > now) return false;
      this.rate.set(id, tat);
    }
    return true;
  }

  private createPreheat(
    env: { type: string; bio?: string; user_id?: number; scheduler_cluster_ids?: number[] | null },
    raw: Record<string, unknown>,
  ): Reply {
    const args = this.defaultArgs(raw);
    const wanted = env.scheduler_cluster_ids?.length ? env.scheduler_cluster_ids : this.clusters.map((x) => x.id);
    const candidates: { cluster: SimCluster; scheduler: SimScheduler }[] = [];
    for (const id of wanted) {
      const cluster = this.clusters.find((x) => x.id === id);
      if (!cluster) return message(404, `scheduler cluster id ${id}: record not found`);
      const scheduler = this.schedulers.find((s) => s.clusterId === id && s.state === 'active' && s.features.includes('preheat'));
      if (scheduler) candidates.push({ cluster, scheduler });
    }
    if (candidates.length === 0) return message(500, 'candidate schedulers not found');
    let urls: string[];
    if (args.type === 'image') {
      if (!args.url) return message(500, 'invalid params: url is required');
      const m = IMAGE_MANIFEST.exec(String(args.url));
      if (!m) return message(500, 'parse access url failed');
      // The registry client's safe dialer refuses addresses that are not global unicast, before connecting.
      const registry = new URL(`${m[1]}://${m[2]}`);
      const host = registry.hostname.replace(/^\[|\]$/g, '');
      if (/^(127\.|0\.|169\.254\.|::1$|::$|fe80:)/.test(host) || host === 'localhost') {
        const ip = host === 'localhost' ? '127.0.0.1' : host;
        const port = registry.port || (registry.protocol === 'https:' ? '443' : '80');
        return message(500, `Get "${registry.protocol}//${m[2]}/v2/": dial tcp ${ip}:${port}: ip ${ip} is invalid`);
      }
      // The simulator stands in for the registry: an image it does not hold gets two layers named after the manifest.
      urls =
        this.images.get(String(args.url)) ??
        ['a', 'b'].map((l) => `${m[1]}://${m[2]}/v2/${m[3]}/blobs/sha256:${l.repeat(8)}${m[4]!.replace(/[^a-z0-9]/gi, '')}`);
    } else if (args.type === 'file') {
      urls = [...((args.urls as string[] | null) ?? []), ...(args.url ? [String(args.url)] : [])];
      if (urls.length === 0) return message(500, 'invalid params: url or urls is required');
    } else {
      return message(500, 'unknown preheat type');
    }
    const now = this.clock.now();
    const taskId = `group_${randomUUID()}`;
    const job = this.insertJob({
      createdAt: now,
      patchedAt: null,
      taskId,
      bio: env.bio ?? '',
      type: 'preheat',
      args,
      userId: env.user_id ?? 0,
      clusterIds: candidates.map((x) => x.cluster.id),
      tasks: candidates.map(({ cluster, scheduler }) => this.planTask(cluster, scheduler, args, urls, taskId)),
      pollerLostAt: null,
    });
    // The create response never loads the user, even when user_id is set.
    const rendered = ser.job(job, now, { owner: undefined, clusters: candidates.map((x) => x.cluster) }, undefined) as Record<string, unknown>;
    return json(200, { ...rendered, result: null, seed_peer_clusters: null, state: 'PENDING', updated_at: rendered.created_at });
  }

  private defaultArgs(raw: Record<string, unknown>): Record<string, unknown> {
    const fields = [
      'type', 'url', 'urls', 'piece_length', 'tag', 'application', 'filtered_query_params', 'headers', 'username', 'password',
      'platform', 'scope', 'ips', 'percentage', 'count', 'concurrent_task_count', 'concurrent_peer_count', 'timeout',
      'object_storage', 'hdfs',
    ];
    const zero: Record<string, unknown> = {
      type: '', url: '', urls: null, piece_length: null, tag: '', application: '', filtered_query_params: '', headers: null,
      username: '', password: '', platform: '', scope: '', ips: null, percentage: null, count: null, concurrent_task_count: 0,
      concurrent_peer_count: 0, timeout: 0, object_storage: null, hdfs: null,
    };
    const args: Record<string, unknown> = {};
    for (const f of fields) args[f] = raw[f] ?? zero[f];
    if (!args.scope) args.scope = 'single_seed_peer';
    if (!args.concurrent_task_count) args.concurrent_task_count = 8;
    if (!args.concurrent_peer_count) args.concurrent_peer_count = 500;
    if (!args.timeout) args.timeout = 3_600_000_000_000;
    if (!args.filtered_query_params) args.filtered_query_params = DEFAULT_FILTERED_QUERY_PARAMS;
    return args;
  }

  /** The hosts a cluster's scheduler preheats on: those registered in the manager and those that only announced themselves. */
  private schedulerHosts(clusterId: number) {
    const reaching = { reachesSources: true };
    return [
      ...this.seedPeers.filter((p) => p.clusterId === clusterId && p.state === 'active').map((p) => ({ ...p, ...reaching, seed: true })),
      ...this.peersOf(clusterId).filter((p) => p.state === 'active').map((p) => ({ ...p, ...reaching, seed: false })),
      ...this.announcedHosts.filter((h) => h.clusterId === clusterId),
    ];
  }

  /** How a scheduler will answer, from the hosts it knows and the sources they reach (scheduler/job/job.go semantics). */
  private planTask(cluster: SimCluster, scheduler: SimScheduler, args: Record<string, unknown>, urls: string[], groupUuid: string): SimTask {
    const taskUuid = `task_${randomUUID()}`;
    const doneAfterS = this.createPlan.doneAfterS;
    const scope = String(args.scope);
    const force = this.createPlan.force;
    if (force === 'never') return { clusterId: cluster.id, taskUuid, doneAfterS, outcome: { kind: 'never' } };
    const everyHost = scope === 'all_peers' || scope === 'all_seed_peers';
    const ips = (args.ips as string[] | null) ?? null;
    let hosts = this.schedulerHosts(cluster.id).filter((h) => h.seed === (scope !== 'all_peers'));
    if (ips?.length) hosts = hosts.filter((h) => ips.includes(h.ip));
    else if (typeof args.count === 'number') hosts = hosts.slice(0, args.count);
    else if (typeof args.percentage === 'number') hosts = hosts.slice(0, Math.max(1, Math.floor((hosts.length * args.percentage) / 100)));
    if (!everyHost) hosts = hosts.slice(0, 1);
    if (force === 'failure' || hosts.length === 0) {
      const error =
        ips?.length
          ? `${scope === 'all_peers' ? 'no peer' : 'no seed peer'} found for ips [${ips.join(' ')}]`
          : scope === 'all_peers'
            ? `[preheat]: cluster ${cluster.id} scheduler ${scheduler.ip} has no available peer`
            : `cluster ${cluster.id} scheduler ${scheduler.ip} no available seed peer`;
      return { clusterId: cluster.id, taskUuid, doneAfterS: Math.min(doneAfterS, 2.5), outcome: { kind: 'failure', error } };
    }
    const slow = force === 'partial' && hosts.length > 1 ? hosts[hosts.length - 1] : undefined;
    /** Why a host's download of a URL fails, or null when it works. */
    const failure = (h: (typeof hosts)[number], url: string) =>
      h === slow
        ? 'rpc error: code = DeadlineExceeded desc = context deadline exceeded'
        : !h.reachesSources || this.closedSources.has(new URL(url).origin)
          ? 'rpc error: code = Internal desc = backend error: '
          : null;
    const entry = (h: (typeof hosts)[number], url: string) => ({ url, hostname: h.hostName, ip: h.ip });
    if (!everyHost) {
      // single_seed_peer only logs a URL that failed: it is missing from success_tasks, and the task succeeds.
      const succeeded = urls.filter((url) => failure(hosts[0]!, url) === null).map((url) => entry(hosts[0]!, url));
      return { clusterId: cluster.id, taskUuid, doneAfterS, outcome: { kind: 'success', succeeded, failed: [] } };
    }
    const failed = hosts.flatMap((h) =>
      urls.flatMap((url) => {
        const why = failure(h, url);
        return why === null ? [] : [{ ...entry(h, url), description: `task ${createHash('sha256').update(url).digest('hex')} failed: ${why}` }];
      }),
    );
    // A host that failed any URL is dropped from success_tasks, matched by IP.
    const succeeded = hosts.filter((h) => !failed.some((f) => f.ip === h.ip)).flatMap((h) => urls.map((url) => entry(h, url)));
    if (succeeded.length === 0) {
      const first = failed[0]!;
      const error = `all peers preheat failed: ${groupUuid} ${taskUuid} ${first.ip} ${first.hostname} ${first.description}`;
      return { clusterId: cluster.id, taskUuid, doneAfterS, outcome: { kind: 'failure', error } };
    }
    return { clusterId: cluster.id, taskUuid, doneAfterS, outcome: { kind: 'success', succeeded, failed } };
  }

  // ---- clusters and inventory ---------------------------------------------------------------

  private listClusters(c: Ctx): Reply {
    const name = c.query.get('name');
    const list = name ? this.clusters.filter((x) => x.name === name) : this.clusters;
    // GetClusters builds its array by hand: an empty result is `null`.
    return this.page(c, 'GetClustersQuery', list, ser.cluster, true);
  }

  private getCluster(c: Ctx): Reply {
    const raw = c.params[0] ?? '';
    if (!/^\d+$/.test(raw)) return errors(`strconv.ParseUint: parsing "${raw}": invalid syntax`);
    const cluster = this.clusters.find((x) => x.id === Number(raw));
    return cluster ? json(200, ser.cluster(cluster)) : message(404, 'record not found');
  }

  private listSchedulerClusters(c: Ctx): Reply {
    return this.page(c, 'GetSchedulerClustersQuery', this.clusters, (x) => ser.schedulerCluster(x, [ser.seedPeerCluster(x)]));
  }

  private listSchedulers(c: Ctx): Reply {
    const state = c.query.get('state');
    if (state && state !== 'active' && state !== 'inactive') return errors(fieldError('GetSchedulersQuery.State', 'oneof'));
    const cluster = Number(c.query.get('scheduler_cluster_id') ?? 0);
    let list = this.schedulers;
    if (cluster) list = list.filter((s) => s.clusterId === cluster);
    if (state) list = list.filter((s) => s.state === state);
    return this.page(c, 'GetSchedulersQuery', list, ser.scheduler);
  }

  private listSeedPeers(c: Ctx): Reply {
    // The `state` filter is accepted and ignored, as in GetSeedPeers (manager-api.md §4.5).
    const cluster = Number(c.query.get('seed_peer_cluster_id') ?? 0);
    const list = cluster ? this.seedPeers.filter((p) => p.clusterId === cluster) : this.seedPeers;
    return this.page(c, 'GetSeedPeersQuery', list, ser.seedPeer);
  }

  private listPeers(c: Ctx): Reply {
    const type = c.query.get('type');
    if (type && type !== 'super') return errors(fieldError('GetPeersQuery.Type', 'oneof'));
    const cluster = Number(c.query.get('scheduler_cluster_id') ?? 0);
    // GetPeers filters on `state` (manager-api.md §4.6), unlike GetSeedPeers.
    const state = c.query.get('state');
    let list = cluster ? this.peersOf(cluster) : this.peers;
    if (state) list = list.filter((p) => p.state === state);
    const byId = new Map(this.clusters.map((x) => [x.id, x]));
    return this.page(c, 'GetPeersQuery', list, (p) => ser.peer(p, byId.get(p.clusterId)));
  }

  // ---- personal access tokens ---------------------------------------------------------------

  private listPats(c: Ctx): Reply {
    const owners = new Map(this.users.map((u) => [u.id, u]));
    return this.page(c, 'GetPersonalAccessTokensQuery', this.pats, (p) => ser.pat(p, owners.get(p.userId)));
  }

  private createPat(c: Ctx): Reply {
    const b = this.parseJson(c.body) as { name?: string; scopes?: string[]; expired_at?: string; user_id?: number; bio?: string } | undefined;
    const missing = !b?.name ? 'Name' : !b.expired_at ? 'ExpiredAt' : !b.user_id ? 'UserID' : null;
    if (missing) return errors(fieldError(`CreatePersonalAccessTokenRequest.${missing}`, 'required'));
    if (this.pats.some((p) => p.name === b!.name)) return message(409, 'Conflict');
    const token = Buffer.from(randomUUID()).toString('base64url');
    const p = this.addPat({ token, name: b!.name!, scopes: b!.scopes?.length ? b!.scopes : ['job', 'cluster'], expiredAt: Date.parse(b!.expired_at!), userId: b!.user_id! });
    // The create response does not load the owner.
    return json(200, ser.pat(p, undefined));
  }

  private patchPat(c: Ctx): Reply {
    const p = this.pats.find((x) => x.id === Number(c.params[0]));
    if (!p) return message(404, 'record not found');
    const b = (this.parseJson(c.body) ?? {}) as { state?: 'active' | 'inactive'; scopes?: string[]; expired_at?: string };
    if (b.state) p.state = b.state;
    // Omitting scopes on PATCH resets them to the defaults (manager-api.md §2.6).
    p.scopes = b.scopes?.length ? b.scopes : ['job', 'cluster'];
    if (b.expired_at) p.expiredAt = Date.parse(b.expired_at);
    return json(200, ser.pat(p, this.users.find((u) => u.id === p.userId)));
  }
}
