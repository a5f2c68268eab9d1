import { describe, expect, it } from 'vitest';
import { emptySpec } from '../../shared/preheat-spec';
import { exportDoc, readSpecFile, serialize } from './spec-files';

const names = {
  managers: [
    { id: 'm-eu', name: 'prod-eu', clusters: [{ id: 1, name: 'eu-a' }, { id: 2, name: 'eu-b' }] },
    { id: 'm-us', name: 'prod-us', clusters: [{ id: 7, name: 'us-east' }] },
  ],
};

function draft() {
  const spec = emptySpec('file');
  spec.description = 'nightly model warm-up';
  spec.files = ['https://files.example.com/models/{{version}}/w.bin'];
  spec.targets = [{ managerId: 'm-eu', clusterIds: [1, 2] }, { managerId: 'm-us', clusterIds: [7] }];
  spec.scope = 'all_seed_peers';
  spec.selection = { mode: 'count', count: 3 };
  spec.headers = [
    { name: 'Accept', value: 'application/octet-stream' },
    { name: 'Authorization', value: 'Bearer s3cr3t-value' },
  ];
  return spec;
}

const expectInvalid = (fn: () => unknown, message: RegExp) => {
  try {
    fn();
  } catch (err) {
    expect((err as Error).message).toMatch(message);
    return err as { details?: { fields?: { path: string; message: string }[] } };
  }
  throw new Error('expected the file to be refused');
};

describe('spec files', () => {
  it('round-trips a draft and a template through YAML and JSON, secrets aside, targets by name', () => {
    const spec = draft();
    for (const format of ['yaml', 'json'] as const) {
      const text = serialize(
        [
          exportDoc({ kind: 'draft', name: 'warm', spec, variables: [], secretHeaders: ['Authorization'] }, names, '2026-11-30T00:00:00Z'),
          exportDoc({ kind: 'template', name: 'tpl', spec, variables: [{ name: 'version', description: 'Model version', pattern: 'v\\d+' }], secretHeaders: [] }, names, '2026-11-30T00:00:00Z'),
        ],
        format,
      );
      expect(text).not.toContain('s3cr3t-value');
      expect(text).toContain('prod-eu');
      const { docs, warnings } = readSpecFile(`x.${format}`, text, names);
      expect(warnings).toEqual([]);
      expect(docs.map((d) => d.kind)).toEqual(['draft', 'template']);
      expect(docs[0]!.spec).toEqual({ ...spec, headers: [spec.headers[0], { name: 'Authorization', value: '' }] });
      expect(docs[0]!.secretHeaders).toEqual(['Authorization']);
      expect(docs[1]!.variables).toEqual([{ name: 'version', description: 'Model version', pattern: 'v\\d+' }]);
    }
  });

  it('names the line and the field of a wrong value', () => {
    const text = ['apiVersion: dragonfly-desk/v1', 'kind: PreheatDraft', 'spec:', '  kind: file', '  files: [https://f.example.com/a]', '  scope: every_peer', ''].join('\n');
    const err = expectInvalid(() => readSpecFile('bad.yaml', text, names), /^bad\.yaml: line 6, scope: Invalid option: expected one of "single_seed_peer"\|"all_seed_peers"\|"all_peers"/);
    expect(err.details?.fields?.[0]?.path).toBe('line 6, scope');
  });

  it('refuses unknown keys, wrong types and the form’s own rules, each with its line', () => {
    const text = [
      'apiVersion: dragonfly-desk/v1',
      'kind: PreheatDraft',
      'spec:',
      '  kind: file',
      '  files: ["not a url"]',
      '  pieceLengthMiB: "big"',
      '  colour: blue',
      '',
    ].join('\n');
    const err = expectInvalid(() => readSpecFile('bad.yaml', text, names), /bad\.yaml: /);
    const paths = err.details!.fields!.map((f) => `${f.path}: ${f.message}`);
    expect(paths).toContainEqual(expect.stringMatching(/^line 6, pieceLengthMiB: /));
    expect(paths).toContainEqual('line 7, colour: not a field of a spec file');
    const rules = expectInvalid(() => readSpecFile('r.yaml', text.replace('  pieceLengthMiB: "big"\n', '').replace('  colour: blue\n', ''), names), /r\.yaml: line 5, files\.0: This URL is not a URL/);
    expect(rules.details?.fields).toHaveLength(1);
  });

  it('reports managers and clusters it does not know, and keeps the rest', () => {
    const text = serialize([exportDoc({ kind: 'draft', name: 'x', spec: draft(), variables: [], secretHeaders: [] }, names, 'now')], 'yaml').replace('prod-us', 'prod-ap').replace('eu-b', 'eu-z');
    const { docs, warnings } = readSpecFile('x.yaml', text, names);
    expect(docs[0]!.spec.targets).toEqual([{ managerId: 'm-eu', clusterIds: [1] }]);
    expect(warnings).toEqual([
      expect.stringMatching(/^line \d+, targets\.0\.clusters\.1: prod-eu has no cluster named eu-z; it was left out$/),
      expect.stringMatching(/^line \d+, targets\.1\.manager: no manager named prod-ap here \(prod-eu, prod-us\); its clusters were left out$/),
    ]);
  });

  it('refuses hostile files without trouble: 10 MB, an alias bomb, not YAML, another apiVersion', () => {
    expectInvalid(() => readSpecFile('big.yaml', `description: ${'x'.repeat(10 * 1024 * 1024)}`, names), /big\.yaml is 10\.0 MB; a spec file is at most 1 MB/);
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    expectInvalid(() => readSpecFile('bomb.yaml', bomb, names), /alias|could not be read/i);
    expectInvalid(() => readSpecFile('junk.yaml', '{"apiVersion": ', names), /^line 1: Flow map must end with a \}/);
    expectInvalid(() => readSpecFile('v9.yaml', 'apiVersion: dragonfly-desk/v9\nkind: PreheatDraft\nspec: {kind: file}\n', names), /apiVersion: Invalid input: expected "dragonfly-desk\/v1"/);
  });
});
