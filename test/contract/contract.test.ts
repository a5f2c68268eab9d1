import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { ManagerClient } from '../../src/main/manager-client/client';
import { draftCredentials } from '../../src/main/managers/credentials';
import { jobStatus } from '../../src/main/jobs/status';
import { Job } from '../../src/main/manager-client/wire-format';
import { DeskError } from '../../src/shared/result';
import { openTarget, type Target } from './targets';

/**
 * One suite, two targets: every case runs against the real Dragonfly v2.5.1 manager
 * (CONTRACT_TARGET=real) and against tools/manager-sim, and must pass on both. The cases run in order:
 * the empty-list case needs a fresh manager, and the no-scheduler case runs before the scheduler starts.
 */

let t: Target;
let rootJwt: string;
const FILE = { type: 'file', url: 'http://127.0.0.1:9/x' };

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json(): any;
}

async function http(method: string, path: string, opts: { jwt?: string; pat?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.jwt) headers.authorization = `Bearer ${opts.jwt}`;
  if (opts.pat) headers.authorization = `Bearer ${opts.pat}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${t.url}${path}`, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers: flat, text, json: () => JSON.parse(text) };
}

/** Sign in, waiting out the manager's refusal of a sign-in that follows another too closely. */
async function signIn(name: string, password: string): Promise<string> {
  let a = await http('POST', '/api/v1/users/signin', { body: { name, password } });
  for (let i = 0; i < 40 && a.status === 401; i++) {
    await new Promise((r) => setTimeout(r, 250));
    a = await http('POST', '/api/v1/users/signin', { body: { name, password } });
  }
  return a.json().token as string;
}
/**
 * Every create that names a cluster passes the per-cluster rate limiter first (10/s, burst 10), even
 * when it then fails validation. Pacing them ~110 ms apart keeps the limiter out of the other cases.
 */
let lastCreate = 0;
async function create(body: unknown, jwt = rootJwt) {
  const wait = lastCreate + 110 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastCreate = Date.now();
  return http('POST', '/api/v1/jobs', { jwt, body });
}
/**
 * Read up to three times, 250 ms apart, until `ok`. Read while the manager's own poller writes a job, the
 * real manager can answer with that write instead (id 0, no args) through its query cache; a moment later
 * the read is right (manager-differences.md row 22). The client reads again on such an answer too.
 */
async function again(read: () => Promise<Answer>, ok: (a: Answer) => boolean): Promise<Answer> {
  let a = await read();
  for (let i = 0; i < 2 && !ok(a); i++) {
    await new Promise((r) => setTimeout(r, 250));
    a = await read();
  }
  return a;
}
/** GET one job, read again while the answer is another job (see `again`). */
const readJob = async (id: number) =>
  (await again(() => http('GET', `/api/v1/jobs/${id}`, { jwt: rootJwt }), (a) => a.status !== 200 || a.json().id === id)).json();
const expectAnswer = (a: Answer, status: number, text: string) => {
  expect({ status: a.status, text: a.text }).toEqual({ status, text });
};
const vfield = (path: string, tag: string) =>
  JSON.stringify({ errors: `Key: '${path}' Error:Field validation for '${path.split('.').pop()}' failed on the '${tag}' tag` });

/** The keys of an object, recursively: the shape both targets must share. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  return v === null ? null : typeof v;
}

beforeAll(async () => {
  t = await openTarget();
  rootJwt = await signIn('root', 'dragonfly');
}, 120_000);

afterAll(() => t?.close());

describe('health and routing', () => {
  it('/healthy answers the JSON string "OK"', async () => {
    const a = await http('GET', '/healthy');
    expectAnswer(a, 200, '"OK"');
    expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('an unknown path or method is a 301 to / (GET with an HTML body, others empty)', async () => {
    const get = await http('GET', '/api/v1/nope', { jwt: rootJwt });
    expectAnswer(get, 301, '<a href="/">Moved Permanently</a>.\n\n');
    expect(get.headers.location).toBe('/');
    for (const [method, path] of [['DELETE', '/healthy'], ['PUT', '/api/v1/jobs/1'], ['POST', '/preheats']] as const) {
      const a = await http(method, path, { jwt: rootJwt, body: {} });
      expectAnswer(a, 301, '');
      expect(a.headers.location).toBe('/');
      expect(a.headers['content-type']).toBeUndefined();
    }
  });
});

describe('sign-in and sessions', () => {
  it('refuses a sign-in right after another of the same user, then lets one through again', async () => {
    // The user query cache of v2.5.1 drops the password hash (docs/manager-differences.md).
    const burst = await Promise.all([0, 1].map(() => http('POST', '/api/v1/users/signin', { body: { name: 'root', password: 'dragonfly' } })));
    expect(burst.map((a) => a.status).sort()).toContain(401);
    let a = burst[0]!;
    for (let i = 0; i < 40 && a.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      a = await http('POST', '/api/v1/users/signin', { body: { name: 'root', password: 'dragonfly' } });
    }
    expect(a.status).toBe(200);
  }, 30_000);

  it('signs in with a JWT whose claims are exp, id, orig_iat; sets the jwt cookie', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    let a = await http('POST', '/api/v1/users/signin', { body: { name: 'root', password: 'dragonfly' } });
    for (let i = 0; i < 40 && a.status === 401; i++) {
      await new Promise((r) => setTimeout(r, 250));
      a = await http('POST', '/api/v1/users/signin', { body: { name: 'root', password: 'dragonfly' } });
    }
    expect(a.status).toBe(200);
    const body = a.json();
    expect(Object.keys(body).sort()).toEqual(['expire', 'token']);
    expect(body.expire).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    const claims = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString());
    expect(Object.keys(claims)).toEqual(['exp', 'id', 'orig_iat']);
    expect(claims.id).toBe(1);
    expect(claims.exp - claims.orig_iat).toBe(14 * 86400);
    expect(a.headers['set-cookie']).toMatch(/^jwt=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=1209600$/);
  });

  it('refuses a wrong password, a too-short name and a malformed body with the same 401', async () => {
    for (const body of [{ name: 'root', password: 'wrongpass' }, { name: 'ro', password: 'dragonfly' }, { name: 'nobody', password: 'dragonfly' }]) {
      const a = await http('POST', '/api/v1/users/signin', { body });
      expectAnswer(a, 401, '{"message":"Unauthorized"}');
      expect(a.headers['www-authenticate']).toBe('JWT realm=Dragonfly');
    }
    expectAnswer(await http('POST', '/api/v1/users/signin', { raw: '{"name":' }), 401, '{"message":"Unauthorized"}');
  });

  it('refreshes a token; refresh without one is a 401', async () => {
    const a = await http('POST', '/api/v1/users/refresh_token', { jwt: rootJwt });
    expect(a.status).toBe(200);
    expect(Object.keys(a.json()).sort()).toEqual(['expire', 'token']);
    expectAnswer(await http('POST', '/api/v1/users/refresh_token'), 401, '{"message":"Unauthorized"}');
  });

  it('reads roles and the user', async () => {
    expectAnswer(await http('GET', '/api/v1/users/1/roles', { jwt: rootJwt }), 200, '["root"]');
    const user = (await http('GET', '/api/v1/users/1', { jwt: rootJwt })).json();
    expect(shape(user)).toEqual(shape({ id: 1, created_at: '', updated_at: '', is_del: 0, email: '', name: '', avatar: '', phone: '', state: '', location: '', bio: '', configs: null }));
    expect(user.name).toBe('root');
  });
});

describe('which credential works where', () => {
  it('a JWT is refused on /oapi, a PAT on /api, nothing everywhere', async () => {
    const jwtOnOapi = await http('GET', '/oapi/v1/jobs', { jwt: rootJwt });
    expectAnswer(jwtOnOapi, 401, '{"message":"Unauthorized"}');
    expect(jwtOnOapi.headers['www-authenticate']).toBeUndefined();
    const patOnApi = await http('GET', '/api/v1/jobs', { pat: t.pat });
    expectAnswer(patOnApi, 401, '{"message":"Unauthorized"}');
    expect(patOnApi.headers['www-authenticate']).toBe('JWT realm=Dragonfly');
    expectAnswer(await http('GET', '/oapi/v1/jobs'), 401, '{"message":"Unauthorized"}');
    expectAnswer(await http('GET', '/api/v1/jobs'), 401, '{"message":"Unauthorized"}');
  });

  it('a missing, malformed or unknown PAT is a 401 without WWW-Authenticate', async () => {
    for (const authorization of ['Bearer ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', t.pat, `Bearer ${t.pat} extra`]) {
      const a = await http('GET', '/oapi/v1/jobs', { headers: { authorization } });
      expectAnswer(a, 401, '{"message":"Unauthorized"}');
      expect(a.headers['www-authenticate']).toBeUndefined();
    }
  });

  it('a PAT works with a lower-case bearer and as ?access_token=; a JWT only with "Bearer"', async () => {
    expect((await http('GET', '/oapi/v1/jobs', { headers: { authorization: `bearer ${t.pat}` } })).status).toBe(200);
    expect((await http('GET', `/oapi/v1/jobs?access_token=${t.pat}`)).status).toBe(200);
    expect((await http('GET', '/api/v1/jobs', { headers: { authorization: `bearer ${rootJwt}` } })).status).toBe(401);
  });

  it('a stale jwt cookie wins over a valid Authorization header', async () => {
    expect((await http('GET', '/api/v1/jobs', { jwt: rootJwt, headers: { cookie: 'jwt=garbage' } })).status).toBe(401);
  });

  it('inactive, expired and out-of-scope PATs are 403 with their texts', async () => {
    const mk = async (name: string, extra: object) => {
      const a = await http('POST', '/api/v1/personal-access-tokens', { jwt: rootJwt, body: { name, user_id: 1, expired_at: '2030-01-01T00:00:00Z', ...extra } });
      expect(a.status).toBe(200);
      const pat = a.json();
      expect(pat.user.id).toBe(0);
      return pat as { id: number; token: string; scopes: string[] };
    };
    const clusterOnly = await mk(`c-only-${t.kind}`, { scopes: ['cluster'] });
    expect(clusterOnly.scopes).toEqual(['cluster']);
    expectAnswer(
      await http('GET', '/oapi/v1/jobs', { pat: clusterOnly.token }),
      403,
      '{"message":"Token doesn\'t have permission to access this resource. Required permission: job"}',
    );
    expect((await http('GET', '/oapi/v1/clusters', { pat: clusterOnly.token })).status).toBe(200);

    const patched = await http('PATCH', `/api/v1/personal-access-tokens/${clusterOnly.id}`, { jwt: rootJwt, body: { state: 'inactive' } });
    expect(patched.json().scopes).toEqual(['job', 'cluster']);
    expectAnswer(await http('GET', '/oapi/v1/clusters', { pat: clusterOnly.token }), 403, '{"message":"Token is inactive"}');

    const expired = await mk(`expired-${t.kind}`, { scopes: ['job'], expired_at: '2020-01-01T00:00:00Z' });
    expectAnswer(await http('GET', '/oapi/v1/jobs', { pat: expired.token }), 403, '{"message":"Token has expired"}');
    expect((await mk(`noscope-${t.kind}`, {})).scopes).toEqual(['job', 'cluster']);
  });
});

describe('guests read but cannot write', () => {
  it('a signed-up guest lists jobs and is refused creating one', async () => {
    const up = await http('POST', '/api/v1/users/signup', { body: { name: 'guest1', password: 'guestpass1', email: 'guest1@example.com' } });
    expect(up.status).toBe(200);
    expectAnswer(await http('POST', '/api/v1/users/signup', { body: { name: 'guest2', password: 'guestpass1', email: 'nope' } }), 422, vfield('SignUpRequest.Email', 'email'));
    const guest = await signIn('guest1', 'guestpass1');
    expectAnswer(await http('GET', `/api/v1/users/${up.json().id}/roles`, { jwt: guest }), 200, '["guest"]');
    expect((await http('GET', '/api/v1/jobs', { jwt: guest })).status).toBe(200);
    expectAnswer(await create({ type: 'preheat', args: FILE, scheduler_cluster_ids: [1] }, guest), 401, '{"message":"permission deny"}');
    expectAnswer(await http('DELETE', '/api/v1/jobs/1', { jwt: guest }), 401, '{"message":"permission deny"}');
  });
});

describe('an empty job list', () => {
  it('is [] with last=0 in the Link header, and next still 2', async () => {
    const a = await http('GET', '/api/v1/jobs?type=preheat', { jwt: rootJwt });
    expectAnswer(a, 200, '[]');
    expect(a.headers.link).toBe(
      '</api/v1/jobs?page=1&per_page=10&type=preheat>;rel=prev,</api/v1/jobs?page=2&per_page=10&type=preheat>;rel=next,</api/v1/jobs?page=1&per_page=10&type=preheat>;rel=first,</api/v1/jobs?page=0&per_page=10&type=preheat>;rel=last',
    );
    expect((await http('GET', '/api/v1/jobs?per_page=0&page=0', { jwt: rootJwt })).headers.link).toBe(
      '</api/v1/jobs?page=1&per_page=10>;rel=prev,</api/v1/jobs?page=2&per_page=10>;rel=next,</api/v1/jobs?page=1&per_page=10>;rel=first,</api/v1/jobs?page=0&per_page=10>;rel=last',
    );
  });

  it('rejects bad list parameters with the validator texts', async () => {
    expectAnswer(await http('GET', '/api/v1/jobs?state=DONE', { jwt: rootJwt }), 422, vfield('GetJobsQuery.State', 'oneof'));
    expectAnswer(await http('GET', '/api/v1/jobs?per_page=10000001', { jwt: rootJwt }), 422, vfield('GetJobsQuery.PerPage', 'lte'));
    expectAnswer(await http('GET', '/api/v1/jobs?page=abc', { jwt: rootJwt }), 422, '{"errors":"strconv.ParseInt: parsing \\"abc\\": invalid syntax"}');
  });

  it('a missing or bad id', async () => {
    expectAnswer(await http('GET', '/api/v1/jobs/999999', { jwt: rootJwt }), 404, '{"message":"record not found"}');
    expectAnswer(await http('GET', '/api/v1/jobs/abc', { jwt: rootJwt }), 422, '{"errors":"strconv.ParseUint: parsing \\"abc\\": invalid syntax"}');
    expectAnswer(await http('GET', '/api/v1/jobs/0', { jwt: rootJwt }), 422, vfield('JobParams.ID', 'required'));
  });
});

describe('creating a preheat with no active scheduler', () => {
  it('is a 500 "candidate schedulers not found", which hides the url checks', async () => {
    const nope = '{"message":"candidate schedulers not found"}';
    expectAnswer(await create({ type: 'preheat', args: FILE, scheduler_cluster_ids: [1] }), 500, nope);
    expectAnswer(await create({ type: 'preheat', args: FILE }), 500, nope);
    expectAnswer(await create({ type: 'preheat', args: { type: 'image' }, scheduler_cluster_ids: [1] }), 500, nope);
    await new Promise((r) => setTimeout(r, 110));
    expectAnswer(await http('POST', '/oapi/v1/jobs', { pat: t.pat, body: { type: 'preheat', args: FILE, scheduler_cluster_ids: [1] } }), 500, nope);
  });
});

describe('create validation (the same with and without a scheduler)', () => {
  const A = 'CreatePreheatJobRequest.Args';
  const cases: [string, Record<string, unknown>, string][] = [
    ['piece_length 0', { piece_length: 0 }, vfield(`${A}.PieceLength`, 'gte')],
    ['piece_length 3 MiB', { piece_length: 3 * 1048576 }, vfield(`${A}.PieceLength`, 'gte')],
    ['piece_length 65 MiB', { piece_length: 65 * 1048576 }, vfield(`${A}.PieceLength`, 'lte')],
    ['count 0', { count: 0 }, vfield(`${A}.Count`, 'gte')],
    ['count 201', { count: 201 }, vfield(`${A}.Count`, 'lte')],
    ['percentage 0', { percentage: 0 }, vfield(`${A}.Percentage`, 'gte')],
    ['percentage 101', { percentage: 101 }, vfield(`${A}.Percentage`, 'lte')],
    ['ips []', { ips: [] }, vfield(`${A}.IPs`, 'gte')],
    ['101 ips', { ips: Array.from({ length: 101 }, (_, i) => `10.0.${i >> 8}.${i & 255}`) }, vfield(`${A}.IPs`, 'lte')],
    ['args.type bogus', { type: 'bogus' }, vfield(`${A}.Type`, 'oneof')],
    ['timeout as a string', { timeout: '30m' }, '{"errors":"json: cannot unmarshal string into Go struct field PreheatArgs.args.timeout of type time.Duration"}'],
  ];
  for (const [name, args, body] of cases) {
    it(`${name} → 422`, async () => expectAnswer(await create({ type: 'preheat', args: { ...FILE, ...args }, scheduler_cluster_ids: [1] }), 422, body));
  }

  it('an unknown job type → 422 "Unknow type"', async () => {
    expectAnswer(await create({ type: 'bogus', args: FILE, scheduler_cluster_ids: [1] }), 422, '{"errors":"Unknow type"}');
  });

  it('an unknown cluster id → 429 text/plain "rate limit exceeded"', async () => {
    const a = await create({ type: 'preheat', args: FILE, scheduler_cluster_ids: [999] });
    expectAnswer(a, 429, 'rate limit exceeded');
    expect(a.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('an envelope that does not bind gets the 422 body twice', async () => {
    const twice = (errors: string) => `${JSON.stringify({ errors })}${JSON.stringify({ errors })}`;
    expectAnswer(await http('POST', '/api/v1/jobs', { jwt: rootJwt, raw: '{"type":"preheat","args":{' }), 422, twice('unexpected EOF'));
    expectAnswer(await http('POST', '/api/v1/jobs', { jwt: rootJwt, raw: '' }), 422, twice('EOF'));
    expectAnswer(
      await create({ args: FILE, scheduler_cluster_ids: [1] }),
      422,
      twice("Key: 'CreateJobRequest.Type' Error:Field validation for 'Type' failed on the 'required' tag"),
    );
    expectAnswer(
      await create({ type: 'preheat', args: FILE, scheduler_cluster_ids: 1 }),
      422,
      twice('json: cannot unmarshal number into Go struct field CreateJobRequest.scheduler_cluster_ids of type []uint'),
    );
  });
});

describe('with an active scheduler', () => {
  let jobId: number;

  beforeAll(async () => {
    await t.schedulerUp();
  }, 180_000);

  it('the scheduler shows as active with the preheat feature', async () => {
    const list = (await http('GET', '/api/v1/schedulers?scheduler_cluster_id=1&state=active', { jwt: rootJwt })).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ip: '127.0.0.1', state: 'active', features: ['schedule', 'preheat'], scheduler_cluster_id: 1 });
    expect(shape(list[0])).toEqual(
      shape({
        id: 1, created_at: '', updated_at: '', is_del: 0, config: { manager_keep_alive_interval: 1 }, host_name: '', idc: '', location: '', ip: '', port: 1,
        state: '', features: [''], last_keep_alive_at: '', scheduler_cluster_id: 1,
        scheduler_cluster: { id: 0, created_at: '', updated_at: '', is_del: 0, name: '', bio: '', config: null, client_config: null, seed_client_config: null, scopes: null, is_default: false, seed_peer_clusters: null, schedulers: null, peers: null, jobs: null },
      }),
    );
  });

  it('service-level checks come after the candidate schedulers', async () => {
    expectAnswer(await create({ type: 'preheat', args: { type: 'image' }, scheduler_cluster_ids: [1] }), 500, '{"message":"invalid params: url is required"}');
    expectAnswer(await create({ type: 'preheat', args: { type: 'image', url: 'http://127.0.0.1:9/foo' }, scheduler_cluster_ids: [1] }), 500, '{"message":"parse access url failed"}');
    expectAnswer(
      await create({ type: 'preheat', args: { type: 'image', url: 'http://127.0.0.1:9/v2/library/nginx/manifests/1.27' }, scheduler_cluster_ids: [1] }),
      500,
      '{"message":"Get \\"http://127.0.0.1:9/v2/\\": dial tcp 127.0.0.1:9: ip 127.0.0.1 is invalid"}',
    );
    expectAnswer(await create({ type: 'preheat', args: { type: 'file' }, scheduler_cluster_ids: [1] }), 500, '{"message":"invalid params: url or urls is required"}');
    expectAnswer(await create({ type: 'preheat', scheduler_cluster_ids: [1] }), 500, '{"message":"unknown preheat type"}');
  });

  it('creates a file preheat: PENDING, result null, defaults applied, zero user', async () => {
    const a = await create({ type: 'preheat', bio: 'contract job', args: FILE, scheduler_cluster_ids: [1] });
    expect(a.status).toBe(200);
    const job = a.json();
    jobId = job.id;
    expect(job).toMatchObject({ state: 'PENDING', result: null, seed_peer_clusters: null, bio: 'contract job', type: 'preheat', user_id: 0 });
    expect(job.user.id).toBe(0);
    expect(job.task_id).toMatch(/^group_[0-9a-f-]{36}$/);
    expect(Object.keys(job.args)).toEqual([...Object.keys(job.args)].sort());
    expect(job.args).toMatchObject({ scope: 'single_seed_peer', concurrent_task_count: 8, concurrent_peer_count: 500, timeout: 3600000000000, urls: null, ips: null });
    expect(job.args.filtered_query_params).toMatch(/^X-Amz-Algorithm&.*&ns$/);
    expect(job.scheduler_clusters.map((c: { id: number; name: string }) => [c.id, c.name])).toEqual([[1, 'cluster-1']]);
  });

  it('follows the job until the manager records FAILURE: no seed peer', async () => {
    // Until the manager's poller first writes it, a re-read job's result is `{}` (manager-api.md §3.4).
    let first = await readJob(jobId);
    if (!first.result?.job_states) expect(first.result).toEqual({});
    for (let i = 0; i < 100 && !first.result?.job_states; i++) {
      await t.wait(100);
      first = await readJob(jobId);
    }
    expect(first.state).toBe('PENDING');
    expect(first.seed_peer_clusters).toEqual([]);
    expect(first.result.state).toBe('PENDING');
    expect(first.result.job_states[0]).toMatchObject({ state: 'PENDING', error: '', results: null, task_name: 'preheat', ttl: 0 });
    let job = first;
    for (let i = 0; i < 30 && job.state === 'PENDING'; i++) {
      await t.wait(t.kind === 'sim' ? 31_000 : 2000);
      job = await readJob(jobId);
    }
    expect(job.state).toBe('FAILURE');
    expect(Object.keys(job.result)).toEqual(['created_at', 'group_uuid', 'job_states', 'state', 'updated_at']);
    expect(job.result.state).toBe('FAILURE');
    expect(job.result.group_uuid).toBe(job.task_id);
    expect(job.result.job_states).toHaveLength(1);
    expect(Object.keys(job.result.job_states[0])).toEqual(['created_at', 'error', 'results', 'state', 'task_name', 'task_uuid', 'ttl']);
    expect(job.result.job_states[0]).toMatchObject({ state: 'FAILURE', results: null, error: 'cluster 1 scheduler 127.0.0.1 no available seed peer' });
    expect(Date.parse(job.updated_at) - Date.parse(job.created_at)).toBeGreaterThanOrEqual(29_000);
  }, 120_000);

  it('paginates newest first; per_page=1 makes last the total', async () => {
    for (const bio of ['p1', 'p2', 'p3']) expect((await create({ type: 'preheat', bio, args: FILE, scheduler_cluster_ids: [1] })).status).toBe(200);
    const one = await http('GET', '/api/v1/jobs?type=preheat&per_page=1', { jwt: rootJwt });
    const total = Number(/page=(\d+)&per_page=1&type=preheat>;rel=last/.exec(one.headers.link ?? "")![1]);
    expect(total).toBe(4);
    const second = await http('GET', '/api/v1/jobs?type=preheat&per_page=1&page=2', { jwt: rootJwt });
    expect(second.headers.link).toBe(
      '</api/v1/jobs?page=1&per_page=1&type=preheat>;rel=prev,</api/v1/jobs?page=3&per_page=1&type=preheat>;rel=next,</api/v1/jobs?page=1&per_page=1&type=preheat>;rel=first,</api/v1/jobs?page=4&per_page=1&type=preheat>;rel=last',
    );
    expect(second.json()[0].bio).toBe('p2');
    const all = (await http('GET', '/api/v1/jobs?type=preheat', { jwt: rootJwt })).json();
    expect(all.map((j: { bio: string }) => j.bio)).toEqual(['p3', 'p2', 'p1', 'contract job']);
    expect(all[0]).toMatchObject({ seed_peer_clusters: null, scheduler_clusters: null });
    const last = await http('GET', '/api/v1/jobs?type=preheat&per_page=1&page=4', { jwt: rootJwt });
    expect(last.headers.link).toContain('</api/v1/jobs?page=4&per_page=1&type=preheat>;rel=next');
  });

  it('PATCH changes only bio, never clears it, and bumps updated_at; DELETE is hard', async () => {
    const a = await http('PATCH', `/api/v1/jobs/${jobId}`, { jwt: rootJwt, body: { bio: 'renamed' } });
    expect(a.status).toBe(200);
    expect(a.json()).toMatchObject({ bio: 'renamed', state: 'FAILURE', seed_peer_clusters: [] });
    expect(a.json().user.id).toBe(0);
    const b = await http('PATCH', `/api/v1/jobs/${jobId}`, { jwt: rootJwt, body: { bio: '', state: 'SUCCESS' } });
    expect(b.json()).toMatchObject({ bio: 'renamed', state: 'FAILURE' });
    expect(Date.parse(b.json().updated_at)).toBeGreaterThanOrEqual(Date.parse(a.json().updated_at));
    expectAnswer(await http('PATCH', `/api/v1/jobs/${jobId}`, { jwt: rootJwt, raw: '{"bio":' }), 422, '{"errors":"unexpected EOF"}');
    const del = await http('DELETE', `/api/v1/jobs/${jobId}`, { jwt: rootJwt });
    expectAnswer(del, 200, '');
    expect(del.headers['content-type']).toBeUndefined();
    expectAnswer(await http('GET', `/api/v1/jobs/${jobId}`, { jwt: rootJwt }), 404, '{"message":"record not found"}');
    expectAnswer(await http('DELETE', `/api/v1/jobs/${jobId}`, { jwt: rootJwt }), 404, '{"message":"record not found"}');
  });

  it('keeps args.timeout to the nanosecond: the marker the app recognises its jobs by survives create, get and list', async () => {
    // 60 min plus 123456789 ns: the sub-second part is the outbox's per-part marker.
    const timeout = 3_600_123_456_789;
    const a = await create({ type: 'preheat', bio: 'contract marker', args: { ...FILE, timeout }, scheduler_cluster_ids: [1] });
    expect(a.status).toBe(200);
    const created = a.json();
    expect(created.args?.timeout, a.text).toBe(timeout);
    expect((await readJob(created.id)).args?.timeout).toBe(timeout);
    const mineIn = (a: { json(): any }) => (a.json() as { id: number; args: { timeout: number } | null }[]).find((j) => j.id === created.id);
    const listed = await again(() => http('GET', '/api/v1/jobs?type=preheat&per_page=10', { jwt: rootJwt }), (a) => mineIn(a)?.args != null);
    expect(mineIn(listed)?.args?.timeout, listed.text).toBe(timeout);
  });

  it('limits creates per cluster at job_rate_limit (10/s burst): the rest get 429', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const answers = await Promise.all(Array.from({ length: 14 }, () => create({ type: 'preheat', args: FILE, scheduler_cluster_ids: [1] })));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const a of refused) expectAnswer(a, 429, 'rate limit exceeded');
  });
});

describe('clusters and inventory', () => {
  const clusterShape = shape({
    id: 1, name: '', bio: '', scopes: { idc: '', location: '', cidrs: null, hostnames: null }, scheduler_cluster_id: 1, seed_peer_cluster_id: 1,
    scheduler_cluster_config: { candidate_parent_limit: 1, filter_parent_limit: 1, job_rate_limit: 1 },
    seed_peer_cluster_config: { load_limit: 1, block_list: { task: null, persistent_task: null, persistent_cache_task: null } },
    peer_cluster_config: { load_limit: 1, block_list: { task: null, persistent_task: null, persistent_cache_task: null } },
    created_at: '', updated_at: '', is_default: true,
  });

  it('lists cluster-1 on /api and /oapi with the same shape', async () => {
    for (const a of [await http('GET', '/api/v1/clusters', { jwt: rootJwt }), await http('GET', '/oapi/v1/clusters', { pat: t.pat })]) {
      const list = a.json();
      expect(list).toHaveLength(1);
      expect(shape(list[0])).toEqual(clusterShape);
      expect(list[0]).toMatchObject({ id: 1, name: 'cluster-1', is_default: true, scheduler_cluster_config: { job_rate_limit: 10 } });
    }
    expectAnswer(await http('GET', '/api/v1/clusters/999', { jwt: rootJwt }), 404, '{"message":"record not found"}');
  });

  it('an empty cluster list is null (the handler builds the array by hand), with last=0', async () => {
    const a = await http('GET', '/api/v1/clusters?name=no-such-cluster', { jwt: rootJwt });
    expectAnswer(a, 200, 'null');
    expect(a.headers.link).toBe(
      '</api/v1/clusters?name=no-such-cluster&page=1&per_page=10>;rel=prev,</api/v1/clusters?name=no-such-cluster&page=2&per_page=10>;rel=next,</api/v1/clusters?name=no-such-cluster&page=1&per_page=10>;rel=first,</api/v1/clusters?name=no-such-cluster&page=0&per_page=10>;rel=last',
    );
  });

  it('empty seed-peer and peer lists are [] with last=0; type=normal is refused', async () => {
    const seeds = await http('GET', '/api/v1/seed-peers?seed_peer_cluster_id=1', { jwt: rootJwt });
    expectAnswer(seeds, 200, '[]');
    expect(seeds.headers.link).toContain('page=0&per_page=10&seed_peer_cluster_id=1>;rel=last');
    expectAnswer(await http('GET', '/api/v1/peers', { jwt: rootJwt }), 200, '[]');
    expectAnswer(await http('GET', '/api/v1/peers?type=normal', { jwt: rootJwt }), 422, vfield('GetPeersQuery.Type', 'oneof'));
    expectAnswer(await http('GET', '/api/v1/scheduler-features', { jwt: rootJwt }), 200, '["schedule","preheat"]');
  });
});

describe('the app\'s manager client against this target', () => {
  const endpoint = () => ({ name: `contract-${t.kind}`, baseUrl: t.url, caCert: null, skipTlsVerify: false });

  it('signs in, counts, pages and reads jobs with a password', async () => {
    const c = new ManagerClient(endpoint(), { kind: 'password', username: 'root' }, draftCredentials({ password: 'dragonfly' }));
    const total = await c.countJobs();
    expect(total).toBeGreaterThanOrEqual(13);
    const all = await c.listAllJobs({ perPage: 5 });
    expect(all).toHaveLength(total);
    const job = await c.getJob(all[0]!.id);
    expect(job.scheduler_clusters.map((x) => x.name)).toEqual(['cluster-1']);
    expect((await c.listClusters()).map((x) => x.name)).toEqual(['cluster-1']);
    expect((await c.listSchedulers()).map((s) => s.state)).toEqual(['active']);
    expect(await c.roles(1)).toEqual(['root']);
    expect(await c.generation(all[0]!)).toMatchObject({ label: 'v2.4.4 or later', fullSupport: true });
    await c.close();
  });

  it('reads through the open API with the seeded PAT', async () => {
    const c = new ManagerClient(endpoint(), { kind: 'pat' }, draftCredentials({ pat: t.pat }));
    expect((await c.listJobs({ page: 1, perPage: 3 })).jobs).toHaveLength(3);
    expect((await c.listClusters())[0]!.name).toBe('cluster-1');
    await c.close();
  });

  it('maps this target\'s refusals to the same messages', async () => {
    const wrong = new ManagerClient(endpoint(), { kind: 'password', username: 'root' }, draftCredentials({ password: 'wrong-password' }));
    await expect(wrong.listJobs({ page: 1, perPage: 1 })).rejects.toThrow(`contract-${t.kind} rejected the username or password (401 Unauthorized)`);
    const unknown = new ManagerClient(endpoint(), { kind: 'pat' }, draftCredentials({ pat: 'bm90LWEtcmVhbC10b2tlbg' }));
    await expect(unknown.listJobs({ page: 1, perPage: 1 })).rejects.toThrow(`contract-${t.kind} does not know this personal access token (401 Unauthorized)`);
    const c = new ManagerClient(endpoint(), { kind: 'password', username: 'root' }, draftCredentials({ password: 'dragonfly' }));
    const missing = await c.getJob(999999).catch((e: DeskError) => e);
    expect(missing).toMatchObject({ code: 'manager_not_found', message: `contract-${t.kind}: record not found (404)` });
    const redirect = await c.call({ method: 'GET', path: '/api/v1/nope' }).catch((e: DeskError) => e);
    expect(redirect).toMatchObject({ code: 'endpoint_missing' });
    await Promise.all([wrong.close(), unknown.close(), c.close()]);
  });
});

describe('a create refusal mapped onto the form', () => {
  it('the manager\'s 422 for 101 IPs lands on the IPs field', async () => {
    const { explainCreateFailure } = await import('../../src/main/preheats/explain');
    const { emptySpec } = await import('../../src/shared/preheat-spec');
    const c = new ManagerClient({ name: `contract-${t.kind}`, baseUrl: t.url, caCert: null, skipTlsVerify: false }, { kind: 'pat' }, draftCredentials({ pat: t.pat }));
    const ips = Array.from({ length: 101 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    const err = await c.createJob({ type: 'preheat', args: { type: 'file', url: 'http://127.0.0.1:9/x', scope: 'all_peers', ips } }).catch((e: unknown) => e);
    expect(explainCreateFailure(err, emptySpec('file'), `contract-${t.kind}`, ['cluster-1']).fields).toEqual([
      { path: 'selection.ips', message: `contract-${t.kind}: args.ips is above what the manager accepts` },
    ]);
    await c.close();
  });
});

describe('preheats on seed peers and peers (dfdaemon 1.4.2)', () => {
  interface Task {
    url: string;
    hostname: string;
    ip: string;
    description?: string;
  }
  /** The jobs of this block start together: on the real stack each one waits ~30 s for the manager's first poll. */
  const created = new Map<string, Promise<number>>();
  const byHost = (a: Task, b: Task) => `${a.hostname} ${a.url}`.localeCompare(`${b.hostname} ${b.url}`);
  const tasks = (hosts: { hostname: string; ip: string }[], urls: string[]) => hosts.flatMap((h) => urls.map((url) => ({ url, hostname: h.hostname, ip: h.ip }))).sort(byHost);

  async function start(args: Record<string, unknown>): Promise<number> {
    const a = await create({ type: 'preheat', args, scheduler_cluster_ids: [1] });
    expect(a.status).toBe(200);
    return a.json().id as number;
  }

  /** The job once the manager recorded a final state (budget: the poller's t≈30, 90 and 210 s polls). */
  async function final(id: number) {
    let job = await readJob(id);
    for (let i = 0; i < 120 && job.state === 'PENDING'; i++) {
      await t.wait(t.kind === 'sim' ? 31_000 : 2000);
      job = await readJob(id);
    }
    expect(job.result.job_states).toHaveLength(1);
    return job;
  }

  /** The one PreheatResponse of a SUCCESS job's one task. */
  async function succeeded(name: string) {
    const job = await final(await created.get(name)!);
    expect({ state: job.state, task: job.result.job_states[0].state, error: job.result.job_states[0].error }).toEqual({ state: 'SUCCESS', task: 'SUCCESS', error: '' });
    expect(job.result.job_states[0].results).toHaveLength(1);
    const r = job.result.job_states[0].results[0];
    expect(r.scheduler_cluster_id).toBe(1);
    return { job, success: r.success_tasks as Task[] | null, failure: r.failure_tasks as Task[] | null };
  }

  const urls: Record<string, string> = {};
  beforeAll(async () => {
    await t.peersUp();
    for (const name of ['per-seed', 'single', 'all-peers']) urls[name] = t.fileUrl(name);
    const jobs: Record<string, Record<string, unknown>> = {
      'per-seed': { type: 'file', url: urls['per-seed'], scope: 'all_seed_peers' },
      single: { type: 'file', url: urls.single },
      'all-peers': { type: 'file', url: urls['all-peers'], scope: 'all_peers', count: 1 },
      image: { type: 'image', url: t.image.manifestUrl, platform: t.image.platform, scope: 'all_seed_peers' },
      'unreachable-single': { type: 'file', url: `${t.unreachableUrl}?desk=single`, scope: 'single_seed_peer' },
      'unreachable-all': { type: 'file', url: `${t.unreachableUrl}?desk=all`, scope: 'all_seed_peers' },
    };
    for (const [name, args] of Object.entries(jobs)) created.set(name, start(args));
    await Promise.all(created.values());
  }, 200_000);
  // Later suites (the real-manager end to end) expect a cluster with no seed peer.
  afterAll(() => t.peersDown(), 180_000);

  it('a file preheat on all_seed_peers succeeds with one success task per seed peer and failure_tasks []', async () => {
    const { success, failure } = await succeeded('per-seed');
    expect(success!.sort(byHost)).toEqual(tasks(t.seedPeers, [urls['per-seed']!]));
    expect(failure).toEqual([]);
  }, 300_000);

  it('a file preheat on single_seed_peer succeeds on one seed peer, failure_tasks null', async () => {
    const { success, failure } = await succeeded('single');
    expect(success).toHaveLength(1);
    expect(t.seedPeers.map((h) => tasks([h], [urls.single!])[0])).toContainEqual(success![0]);
    expect(failure).toBeNull();
  }, 300_000);

  it('all_peers with count 1 preheats on exactly one normal peer', async () => {
    const { job, success, failure } = await succeeded('all-peers');
    expect(job.args).toMatchObject({ scope: 'all_peers', count: 1 });
    expect(success).toHaveLength(1);
    expect(t.peers.map((h) => tasks([h], [urls['all-peers']!])[0])).toContainEqual(success![0]);
    expect(failure).toEqual([]);
  }, 300_000);

  it('an image preheat resolves the manifest, then preheats each blob on each seed peer', async () => {
    const { job, success, failure } = await succeeded('image');
    expect(job.args).toMatchObject({ type: 'image', url: t.image.manifestUrl, urls: null, platform: 'linux/amd64' });
    expect(success!.sort(byHost)).toEqual(tasks(t.seedPeers, t.image.blobUrls));
    expect(failure).toEqual([]);
  }, 300_000);

  it('single_seed_peer of an unreachable URL ends SUCCESS with both task lists null: nothing was preheated, and the app does not call it Succeeded', async () => {
    const { job, success, failure } = await succeeded('unreachable-single');
    expect({ success, failure }).toEqual({ success: null, failure: null });
    expect(jobStatus(Job.parse(job))).toBe('unconfirmed');
  }, 300_000);

  it('all_seed_peers of an unreachable URL ends FAILURE with the first failing seed peer\'s text', async () => {
    const job = await final(await created.get('unreachable-all')!);
    expect(job.state).toBe('FAILURE');
    const s = job.result.job_states[0];
    expect({ state: s.state, results: s.results }).toEqual({ state: 'FAILURE', results: null });
    const seeds = t.seedPeers.map((h) => `${h.ip} ${h.hostname}`).join('|');
    expect(s.error).toMatch(new RegExp(`^all peers preheat failed: ${job.task_id} ${s.task_uuid} (${seeds}) task [0-9a-f]{64} failed: rpc error: code = Internal desc = backend error: `));
  }, 300_000);

  it('the manager lists no seed peer and no peer while they preheat: dfdaemon 1.4.2 registers only with the scheduler', async () => {
    expectAnswer(await http('GET', '/api/v1/seed-peers?seed_peer_cluster_id=1', { jwt: rootJwt }), 200, '[]');
    expectAnswer(await http('GET', '/api/v1/seed-peers', { jwt: rootJwt }), 200, '[]');
    expectAnswer(await http('GET', '/api/v1/peers', { jwt: rootJwt }), 200, '[]');
  });

  describe('with a seed peer that cannot reach the source', () => {
    const broken = () => t.seedPeers[1]!;

    beforeAll(() => t.breakPeer(broken().hostname), 120_000);
    afterAll(() => t.fixPeer(broken().hostname), 120_000);

    it('all_seed_peers ends SUCCESS with the working seed peer in success_tasks and the broken one in failure_tasks', async () => {
      const url = t.fileUrl('partial');
      created.set('partial', start({ type: 'file', url, scope: 'all_seed_peers' }));
      const { success, failure } = await succeeded('partial');
      expect(success).toEqual(tasks([t.seedPeers[0]!], [url]));
      expect(failure).toHaveLength(1);
      expect(failure![0]).toMatchObject({ url, hostname: broken().hostname, ip: broken().ip });
      expect(failure![0]!.description).toMatch(/^task [0-9a-f]{64} failed: rpc error: code = Internal desc = backend error: /);
    }, 300_000);

    it('once fixed, a preheat aimed at its IP alone succeeds there', async () => {
      await t.fixPeer(broken().hostname);
      const url = t.fileUrl('retry');
      created.set('retry', start({ type: 'file', url, scope: 'all_seed_peers', ips: [broken().ip] }));
      const { success, failure } = await succeeded('retry');
      expect(success).toEqual(tasks([broken()], [url]));
      expect(failure).toEqual([]);
    }, 300_000);
  });
});
