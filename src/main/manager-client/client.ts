import { z } from 'zod';
import { Cluster, Job, Peer, Roles, Scheduler, SeedPeer } from './wire-format';
import { DeskError } from '../../shared/result';
import { httpError, type AuthContext } from './errors';
import { inferGeneration, type JobsProbe } from './generation';
import { ManagerHttp, type Endpoint, type HttpAnswer, type HttpRequest } from './http';
import { parseFirstJson } from './json';
import { hasNextPage, parseLinkHeader, type PageLinks } from './link';
import { parseManagerJson } from './parse';
import { JwtAuthenticator, PatAuthenticator, type Authenticator, type AuthSpec, type CredentialSource } from './session';

export interface JobListPage {
  jobs: Job[];
  /** Items the caller said it has already, as they are (see `listJobs`): not parsed again. */
  unchanged: { id: number; createdAt: string }[];
  /** Items that did not fit the API, each named; the rest of the page is still usable. */
  misfits: string[];
  links: PageLinks;
  page: number;
  lastPage: number;
}

/** Largest page the client asks for when it needs a whole inventory list (clusters, schedulers). */
const INVENTORY_PAGE = 1000;

/**
 * A v2.5.1 manager coalesces identical queries that run at the same moment (GORM caches, `Easer`), and a
 * list can then be handed the result of its own count: a 500 `json: cannot unmarshal number into Go
 * struct field Query[interface {}].Dest of type []models.SeedPeer`. Seen when two logins list the same
 * manager's seed peers at once; the same read a moment later works.
 */
const QUERY_CACHE_MIXUP = /cannot unmarshal .* into Go struct field Query\[/;
const QUERY_CACHE_RETRY_MS = 250;

/** The manager's REST API as Dragonfly Desk uses it. One instance per configured manager. */
export class ManagerClient {
  readonly http: ManagerHttp;
  readonly auth: Authenticator;

  constructor(endpoint: Endpoint, spec: AuthSpec, source: CredentialSource, now: () => number = Date.now, timeoutMs?: number) {
    this.http = new ManagerHttp(endpoint, timeoutMs);
    this.auth =
      spec.kind === 'password'
        ? new JwtAuthenticator(this.http, spec.username, source, now)
        : new PatAuthenticator(this.http, source);
  }

  get name() {
    return this.http.endpoint.name;
  }

  /** PATs reach only the open API (`/oapi/v1`, jobs and clusters); JWTs use `/api/v1`. */
  get apiBase() {
    return this.auth.kind === 'pat' ? '/oapi/v1' : '/api/v1';
  }

  private authContext(): AuthContext {
    return this.auth.kind === 'pat' ? 'pat' : 'jwt';
  }

  /**
   * An authenticated request; a 401 triggers one fresh sign-in and one retry, and a read that the
   * manager's query cache mixed up (see QUERY_CACHE_MIXUP) is asked once more.
   */
  async call(req: HttpRequest, expect: number[] = [200]): Promise<HttpAnswer> {
    const send = async () => this.http.send({ ...req, headers: { ...req.headers, authorization: await this.auth.authorization() } });
    let answer = await send();
    if (answer.status === 401 && !/permission (deny|validate)/.test(answer.text) && (await this.auth.recover())) {
      answer = await send();
    }
    if (answer.status === 500 && req.method === 'GET' && QUERY_CACHE_MIXUP.test(answer.text)) {
      await new Promise((r) => setTimeout(r, QUERY_CACHE_RETRY_MS));
      answer = await send();
    }
    if (!expect.includes(answer.status)) {
      throw httpError(this.name, req.path, { status: answer.status, location: answer.headers.location, text: answer.text }, this.authContext());
    }
    return answer;
  }

  private body(answer: HttpAnswer, what: string): unknown {
    const body = parseFirstJson(answer.text);
    if (body === undefined && answer.text.trim() !== 'null') {
      throw new DeskError('bad_response', `${this.name} answered ${what} with a body that is not JSON`, {
        excerpt: answer.text.slice(0, 200),
      });
    }
    return body ?? null;
  }

  async healthy(): Promise<{ latencyMs: number }> {
    const answer = await this.http.send({ method: 'GET', path: '/healthy', timeoutMs: 8000 });
    if (answer.status !== 200) throw httpError(this.name, '/healthy', { status: answer.status, location: answer.headers.location, text: answer.text }, 'none');
    return { latencyMs: answer.latencyMs };
  }

  /** Unauthenticated probe of `/api/v1/jobs`: 401 on v2.4.1+, 200 before (manager-api.md §8). */
  async probeJobsAuth(): Promise<JobsProbe> {
    const answer = await this.http.send({ method: 'GET', path: '/api/v1/jobs', query: { per_page: 1, type: 'preheat' }, timeoutMs: 8000 });
    if (answer.status === 401) return 'protected';
    if (answer.status === 200) return 'open';
    if (answer.status >= 300 && answer.status < 400) return 'missing';
    return 'other';
  }

  async generation(newest: Job | null) {
    return inferGeneration(await this.probeJobsAuth(), newest?.args ?? null);
  }

  /** A page of the job list as the manager sent it, item by item: nothing is dropped for not fitting. */
  async listJobItems(opts: { page: number; perPage: number; state?: string }): Promise<{ items: unknown[]; links: PageLinks }> {
    const path = `${this.apiBase}/jobs`;
    const answer = await this.call({
      method: 'GET',
      path,
      query: { type: 'preheat', page: opts.page, per_page: opts.perPage, state: opts.state },
    });
    const items = parseManagerJson(this.name, 'a job list', z.array(z.unknown()).nullable(), this.body(answer, 'the job list')) ?? [];
    return { items, links: parseLinkHeader(answer.headers.link) };
  }

  /**
   * A page of jobs, checked against the API. With `known`, an item whose id and times it recognises
   * is left as it came and only its id returned: the watcher reads every pending job each tick, and
   * most have not moved since the last one; a list page read again mostly holds jobs already read.
   */
  async listJobs(opts: { page: number; perPage: number; state?: string }, known?: (id: number, updatedAt: string, createdAt: string) => boolean): Promise<JobListPage> {
    const { items, links } = await this.listJobItems(opts);
    const jobs: Job[] = [];
    const unchanged: { id: number; createdAt: string }[] = [];
    const misfits: string[] = [];
    for (const item of items) {
      const { id, updated_at: at, created_at: createdAt } = (item ?? {}) as { id?: unknown; updated_at?: unknown; created_at?: unknown };
      if (known && typeof id === 'number' && typeof at === 'string' && typeof createdAt === 'string' && known(id, at, createdAt)) {
        unchanged.push({ id, createdAt });
        continue;
      }
      const parsed = Job.safeParse(item);
      if (parsed.success) jobs.push(parsed.data);
      else {
        const id = (item as { id?: unknown })?.id;
        const issue = parsed.error.issues[0];
        misfits.push(`job ${typeof id === 'number' ? id : '?'}: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'does not fit'}`);
      }
    }
    return { jobs, unchanged, misfits, links, page: opts.page, lastPage: links.last?.page ?? (jobs.length || unchanged.length ? opts.page : 0) };
  }

  /**
   * Every page of a filtered job list, following `Link` until `last`; with `createdSince` (ms), only
   * until a page reaches jobs created before then (pages run newest first).
   */
  async listAllJobs(opts: { perPage: number; state?: string; createdSince?: number; onPage?: () => void }): Promise<Job[]> {
    const { createdSince, onPage, ...query } = opts;
    const all: Job[] = [];
    for (let page = 1; ; page++) {
      const res = await this.listJobs({ ...query, page });
      onPage?.();
      all.push(...res.jobs);
      const oldest = res.jobs.at(-1);
      if (createdSince !== undefined && oldest && Date.parse(oldest.created_at) < createdSince) return all.filter((j) => Date.parse(j.created_at) >= createdSince);
      if (!hasNextPage(res.links, page)) return all;
    }
  }

  /** The total number of preheat jobs: `per_page=1` makes `last` the count (manager-api.md §3.5). */
  async countJobs(state?: string): Promise<number> {
    return (await this.listJobs({ page: 1, perPage: 1, state })).lastPage;
  }

  /**
   * Create a job. Image preheats make the manager fetch the manifest inside this request, so the
   * deadline is generous. The caller decides what a failure means: see `sentForSure`.
   */
  async createJob(body: Record<string, unknown>, timeoutMs = 60_000): Promise<Job> {
    const path = `${this.apiBase}/jobs`;
    const answer = await this.call({ method: 'POST', path, json: body, timeoutMs });
    return parseManagerJson(this.name, 'the created job', Job, this.body(answer, 'the created job'));
  }

  async getJob(id: number): Promise<Job> {
    const path = `${this.apiBase}/jobs/${id}`;
    const read = async () => parseManagerJson(this.name, `job ${id}`, Job, this.body(await this.call({ method: 'GET', path }), `job ${id}`));
    let job = await read();
    // Read while the manager's own poller first writes the job, its query cache can answer with that
    // update instead (id 0, no args): the same read a moment later is right.
    if (job.id !== id) {
      await new Promise((r) => setTimeout(r, QUERY_CACHE_RETRY_MS));
      job = await read();
    }
    if (job.id !== id) throw new DeskError('bad_response', `${this.name} sent back another job (#${job.id}) when asked for job #${id}, twice: its query cache mixed up two reads. Try again in a moment.`);
    return job;
  }

  /** Change a job's description. The manager ignores an empty one, so it cannot be cleared. */
  async updateJobDescription(id: number, bio: string): Promise<Job> {
    const answer = await this.call({ method: 'PATCH', path: `${this.apiBase}/jobs/${id}`, json: { bio } });
    return parseManagerJson(this.name, `job ${id}`, Job, this.body(answer, `job ${id}`));
  }

  /** Delete a job's record (a hard delete). What peers already cached stays, and queued work is not cancelled. */
  async deleteJob(id: number): Promise<void> {
    await this.call({ method: 'DELETE', path: `${this.apiBase}/jobs/${id}` });
  }

  private async listAll<S extends z.ZodType>(path: string, schema: S, what: string, filter: Record<string, string | number> = {}): Promise<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    for (let page = 1; ; page++) {
      const answer = await this.call({ method: 'GET', path, query: { ...filter, page, per_page: INVENTORY_PAGE } });
      // The clusters endpoint builds its array by hand and answers `null` when empty.
      const items = parseManagerJson(this.name, what, z.array(schema).nullable(), this.body(answer, what)) ?? [];
      all.push(...items);
      if (!hasNextPage(parseLinkHeader(answer.headers.link), page) || items.length === 0) return all;
    }
  }

  listClusters(): Promise<Cluster[]> {
    return this.listAll(`${this.apiBase}/clusters`, Cluster, 'the cluster list');
  }

  /** Inventory beyond clusters is outside the open API: a token login cannot list it. */
  private listJwtOnly<S extends z.ZodType>(path: string, schema: S, what: string, filter?: Record<string, string | number>): Promise<z.infer<S>[]> {
    if (this.auth.kind === 'pat') return Promise.reject(new DeskError('forbidden', `${this.name}: a personal access token cannot list ${what}`));
    return this.listAll(path, schema, `the ${what} list`, filter);
  }

  listSchedulers(): Promise<Scheduler[]> {
    return this.listJwtOnly('/api/v1/schedulers', Scheduler, 'schedulers');
  }

  /** The manager ignores a `state` filter here: filter locally. */
  listSeedPeers(): Promise<SeedPeer[]> {
    return this.listJwtOnly('/api/v1/seed-peers', SeedPeer, 'seed peers');
  }

  /** The peers table (a snapshot written by `sync_peers`, §4.6) of one scheduler cluster. It can be huge: read it for one cluster's detail only. */
  listPeers(schedulerClusterId: number): Promise<Peer[]> {
    return this.listJwtOnly('/api/v1/peers', Peer, 'peers', { scheduler_cluster_id: schedulerClusterId });
  }

  /**
   * How many peers match, and one of them, in one small request: with `per_page=1` the `Link`
   * header's `last` page is the count (manager-api.md §3.5, the same for every list).
   */
  async probePeers(filter: { scheduler_cluster_id?: number; state?: 'active' }): Promise<{ total: number; sample: Peer | null }> {
    if (this.auth.kind === 'pat') throw new DeskError('forbidden', `${this.name}: a personal access token cannot list peers`);
    const answer = await this.call({ method: 'GET', path: '/api/v1/peers', query: { ...filter, page: 1, per_page: 1 } });
    const items = parseManagerJson(this.name, 'the peer list', z.array(Peer).nullable(), this.body(answer, 'the peer list')) ?? [];
    return { total: parseLinkHeader(answer.headers.link).last?.page ?? items.length, sample: items[0] ?? null };
  }

  async roles(userId: number): Promise<string[]> {
    const path = `/api/v1/users/${userId}/roles`;
    const answer = await this.call({ method: 'GET', path });
    return parseManagerJson(this.name, 'the user roles', Roles, this.body(answer, 'the user roles'));
  }

  async userName(userId: number): Promise<string | null> {
    const answer = await this.call({ method: 'GET', path: `/api/v1/users/${userId}` });
    const user = parseManagerJson(this.name, 'the user', z.object({ name: z.string().nullish() }), this.body(answer, 'the user'));
    return user.name ?? null;
  }

  close() {
    return this.http.close();
  }
}
