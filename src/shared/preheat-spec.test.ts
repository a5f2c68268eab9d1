import { describe, expect, it } from 'vitest';
import { createRequestBody, emptySpec, specWarnings, validateSpec, type PreheatSpec } from './preheat-spec';

const base = (patch: (s: PreheatSpec) => void = () => undefined, kind: 'image' | 'file' = 'file') => {
  const s = emptySpec(kind);
  s.targets = [{ managerId: 'm1', clusterIds: [1] }];
  if (kind === 'file') s.files = ['https://files.example.com/model.bin'];
  else s.image.reference = 'nginx:1.27';
  patch(s);
  return s;
};
const issues = (s: PreheatSpec) => validateSpec(s).map((i) => `${i.path}: ${i.message}`);

describe('validating a spec with the manager\'s rules', () => {
  it('accepts a minimal file and image spec', () => {
    expect(issues(base())).toEqual([]);
    expect(issues(base(undefined, 'image'))).toEqual([]);
  });

  const cases: [string, (s: PreheatSpec) => void, string][] = [
    ['no cluster', (s) => void (s.targets = [{ managerId: 'm1', clusterIds: [] }]), 'targets: Pick at least one cluster to preheat'],
    ['a description over 1024 characters', (s) => void (s.description = 'x'.repeat(1025)), "description: Description must be at most 1024 characters (the manager's limit); it has 1025"],
    ['a multi-line description', (s) => void (s.description = 'a\nb'), 'description: Description must be a single line'],
    ['no URL', (s) => void (s.files = ['']), 'files: Add at least one URL to preheat'],
    ['a URL that is not one', (s) => void (s.files = ['not a url']), 'files.0: This URL is not a URL (e.g. https://files.example.com/model.bin)'],
    ['a file: URL', (s) => void (s.files = ['file:///etc/passwd']), 'files.0: This URL uses file: only http, https, ftp, s3, oss, obs, cos, gs, hdfs can be preheated'],
    ['an empty extra URL line', (s) => void s.files.push(''), 'files.1: Enter a URL or remove this line'],
    ['the same URL twice', (s) => void s.files.push('https://files.example.com/model.bin'), 'files.1: This URL is already in the list'],
    ['piece length 3 MiB', (s) => void (s.pieceLengthMiB = 3), 'pieceLengthMiB: Piece length must be a whole number of MiB from 4 to 64, or empty to let the manager choose'],
    ['piece length 65 MiB', (s) => void (s.pieceLengthMiB = 65), 'pieceLengthMiB: Piece length must be a whole number of MiB from 4 to 64, or empty to let the manager choose'],
    ['piece length 4.5 MiB', (s) => void (s.pieceLengthMiB = 4.5), 'pieceLengthMiB: Piece length must be a whole number of MiB from 4 to 64, or empty to let the manager choose'],
    ['count 0', (s) => ((s.scope = 'all_seed_peers'), (s.selection = { mode: 'count', count: 0 })), 'selection.count: Count must be a whole number from 1 to 200'],
    ['count 201', (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'count', count: 201 })), 'selection.count: Count must be a whole number from 1 to 200'],
    ['no count', (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'count', count: null })), 'selection.count: Count must be a whole number from 1 to 200'],
    ['percentage 0', (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'percentage', percentage: 0 })), 'selection.percentage: Percentage must be a whole number from 1 to 100'],
    ['percentage 101', (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'percentage', percentage: 101 })), 'selection.percentage: Percentage must be a whole number from 1 to 100'],
    ['no IP', (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'ips', ips: [] })), 'selection.ips: Enter at least one IP address, or choose All'],
    [
      '101 IPs',
      (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'ips', ips: Array.from({ length: 101 }, (_, i) => `10.0.0.${i}`) })),
      'selection.ips: The manager accepts at most 100 IPs; this list has 101',
    ],
    ['a host name among IPs', (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'ips', ips: ['10.0.0.1', 'node-a', '300.1.1.1'] })), 'selection.ips: Not an IPv4 or IPv6 address: node-a, 300.1.1.1'],
    ['an IP twice', (s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'ips', ips: ['10.0.0.1', '10.0.0.1'] })), 'selection.ips: Listed twice: 10.0.0.1'],
    ['a filter with &', (s) => void (s.filteredQueryParams = ['a&b']), 'filteredQueryParams.0: "a&b" is one parameter name: no &, = or spaces'],
    ['a header without name', (s) => void (s.headers = [{ name: '', value: 'x' }]), 'headers.0.name: Header name is required (or remove the row)'],
    ['a bad header name', (s) => void (s.headers = [{ name: 'Bad Header', value: 'x' }]), 'headers.0.name: "Bad Header" is not a valid header name'],
    ['a header twice', (s) => void (s.headers = [{ name: 'Accept', value: 'a' }, { name: 'accept', value: 'b' }]), 'headers.1.name: accept is already set above'],
    ['a header with an empty value', (s) => void (s.headers = [{ name: 'X-Team', value: '' }]), 'headers.0.value: X-Team needs a value (or remove the row)'],
    ['a description with a line break', (s) => void (s.description = 'nightly\nwarm-up'), 'description: Description must be a single line'],
    ['a header value with a line break', (s) => void (s.headers = [{ name: 'X', value: 'a\r\nInjected: 1' }]), 'headers.0.value: Header values cannot contain line breaks'],
    ['concurrent task count 101', (s) => void (s.advanced.concurrentTaskCount = 101), 'advanced.concurrentTaskCount: Concurrent task count must be a whole number from 1 to 100, or empty for the default (8)'],
    ['concurrent peer count 0', (s) => void (s.advanced.concurrentPeerCount = 0), 'advanced.concurrentPeerCount: Concurrent peer count must be a whole number from 1 to 1000, or empty for the default (500)'],
    ['timeout 0 minutes', (s) => void (s.advanced.timeoutMinutes = 0), 'advanced.timeoutMinutes: Timeout must be a whole number of minutes from 1 to 10080, or empty for the default (60)'],
  ];
  for (const [name, patch, message] of cases) {
    it(`names the field: ${name}`, () => expect(issues(base(patch))).toEqual([message]));
  }

  it('checks the image reference and the platform', () => {
    expect(issues(base((s) => void (s.image.reference = 'Nginx'), 'image'))).toEqual(['image.reference: Repository names must be lower case ("Nginx")']);
    expect(issues(base((s) => void (s.image.platform = 'amd64'), 'image'))).toEqual([
      'image.platform: Platform must be os/arch or os/arch/variant, e.g. linux/amd64 or linux/arm64/v8',
    ]);
    expect(issues(base((s) => void (s.image.platform = 'linux/arm/v7'), 'image'))).toEqual([]);
    expect(issues(base((s) => void (s.image.platform = ''), 'image'))).toEqual([]);
  });

  it('ignores the peer selection under the single-seed-peer scope', () => {
    expect(issues(base((s) => void (s.selection = { mode: 'count', count: 0 })))).toEqual([]);
  });

  it('lets a draft leave empty a secret header whose value it keeps in the keychain, and only that one', () => {
    const spec = base((s) => void (s.headers = [{ name: 'Authorization', value: '' }, { name: 'X-Team', value: '' }]));
    expect(validateSpec(spec, { keptSecretHeaders: ['authorization'] }).map((i) => `${i.path}: ${i.message}`)).toEqual(['headers.1.value: X-Team needs a value (or remove the row)']);
  });

  it('accepts IPv6 addresses', () => {
    expect(issues(base((s) => ((s.scope = 'all_peers'), (s.selection = { mode: 'ips', ips: ['::1', 'fe80::1', '2001:db8::8a2e:370:7334'] }))))).toEqual([]);
  });
});

describe('warnings', () => {
  it('warns about timeouts past the manager\'s watch, stored passwords and IPs across clusters', () => {
    const s = base((x) => {
      x.advanced.timeoutMinutes = 90;
      x.scope = 'all_peers';
      x.selection = { mode: 'ips', ips: ['10.0.0.1'] };
      x.targets = [{ managerId: 'm1', clusterIds: [1, 2] }];
    });
    expect(specWarnings(s, { registryPassword: false }).map((w) => w.path)).toEqual(['advanced.timeoutMinutes', 'selection.ips']);
    expect(specWarnings(base(undefined, 'image'), { registryPassword: true }).map((w) => w.path)).toEqual(['image.password']);
  });
});

describe('the create request a manager receives', () => {
  it('sends only what is set, in the manager\'s units', () => {
    const s = base((x) => {
      x.description = 'warm models';
      x.files = ['https://a/x', ' https://a/y '];
      x.pieceLengthMiB = 8;
      x.scope = 'all_seed_peers';
      x.selection = { mode: 'count', count: 3 };
      x.filteredQueryParams = ['Expires', 'ns'];
      x.headers = [{ name: 'X-Team', value: 'ml' }];
      x.advanced = { concurrentTaskCount: 4, concurrentPeerCount: null, timeoutMinutes: 30 };
    });
    expect(createRequestBody(s, [1, 2], { registryPassword: null, userId: 1 })).toEqual({
      type: 'preheat',
      bio: 'warm models',
      user_id: 1,
      scheduler_cluster_ids: [1, 2],
      args: {
        type: 'file',
        urls: ['https://a/x', 'https://a/y'],
        piece_length: 8388608,
        filtered_query_params: 'Expires&ns',
        headers: { 'X-Team': 'ml' },
        scope: 'all_seed_peers',
        count: 3,
        concurrent_task_count: 4,
        timeout: 1_800_000_000_000,
      },
    });
  });

  it('turns an image reference into the manifest URL and sends the platform and login', () => {
    const s = base((x) => {
      x.image = { reference: 'registry.example.com:5000/team/app:v2', platform: 'linux/arm64', username: 'robot' };
    }, 'image');
    expect(createRequestBody(s, [3], { registryPassword: 'pw', userId: null })).toEqual({
      type: 'preheat',
      scheduler_cluster_ids: [3],
      args: { type: 'image', url: 'https://registry.example.com:5000/v2/team/app/manifests/v2', platform: 'linux/arm64', username: 'robot', password: 'pw', scope: 'single_seed_peer' },
    });
  });

  it('never sends an empty ips list, a zero, or a selection under the single-seed-peer scope', () => {
    const single = createRequestBody(base((x) => void (x.selection = { mode: 'ips', ips: ['10.0.0.1'] })), [1], { registryPassword: null, userId: null });
    expect(single.args).not.toHaveProperty('ips');
    const all = createRequestBody(base((x) => ((x.scope = 'all_peers'), (x.selection = { mode: 'all' }))), [1], { registryPassword: null, userId: null });
    expect(Object.keys(all.args as object)).toEqual(['type', 'urls', 'scope']);
  });
});
