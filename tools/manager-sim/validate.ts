/**
 * The manager's request binding (gin + go-playground/validator) for the bodies the simulator accepts.
 * Messages follow validator's format: `Key: '<Struct>.<Field>' Error:Field validation for '<Field>' failed on the '<tag>' tag`.
 */
export const fieldError = (path: string, tag: string) =>
  `Key: '${path}' Error:Field validation for '${path.split('.').pop()}' failed on the '${tag}' tag`;

type Rule = { field: string; json: string; kind: 'uint' | 'int' | 'len'; gte?: number; lte?: number; pointer?: boolean };

const PREHEAT_RULES: Rule[] = [
  { field: 'PieceLength', json: 'piece_length', kind: 'uint', gte: 4194304, lte: 67108864, pointer: true },
  { field: 'IPs', json: 'ips', kind: 'len', gte: 1, lte: 100 },
  { field: 'Percentage', json: 'percentage', kind: 'uint', gte: 1, lte: 100, pointer: true },
  { field: 'Count', json: 'count', kind: 'uint', gte: 1, lte: 200, pointer: true },
  { field: 'ConcurrentTaskCount', json: 'concurrent_task_count', kind: 'int', gte: 1, lte: 100 },
  { field: 'ConcurrentPeerCount', json: 'concurrent_peer_count', kind: 'int', gte: 1, lte: 1000 },
];

const GO_TYPES: Record<string, string> = {
  type: 'string',
  url: 'string',
  urls: '[]string',
  piece_length: 'uint64',
  tag: 'string',
  application: 'string',
  filtered_query_params: 'string',
  headers: 'map[string]string',
  username: 'string',
  password: 'string',
  platform: 'string',
  scope: 'string',
  ips: '[]string',
  percentage: 'uint32',
  count: 'uint32',
  concurrent_task_count: 'int64',
  concurrent_peer_count: 'int64',
  timeout: 'time.Duration',
};

const jsType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

/** encoding/json's type errors for the preheat args that the UI could get wrong. */
export function decodePreheatArgs(args: Record<string, unknown>): string | null {
  for (const [key, goType] of Object.entries(GO_TYPES)) {
    const v = args[key];
    if (v === undefined || v === null) continue;
    const t = jsType(v);
    const ok =
      goType === 'string'
        ? t === 'string'
        : goType.startsWith('[]')
          ? t === 'array' && (v as unknown[]).every((x) => typeof x === 'string' || x === null)
          : goType.startsWith('map')
            ? t === 'object'
            : t === 'number' && Number.isInteger(v) && (!goType.startsWith('uint') || (v as number) >= 0);
    if (!ok) {
      const shown = t === 'number' ? `number ${String(v)}` : t;
      return `json: cannot unmarshal ${shown} into Go struct field PreheatArgs.args.${key} of type ${goType}`;
    }
  }
  return null;
}

/** The binding rules of PreheatArgs, in struct order. A zero-valued args struct is not validated at all. */
export function validatePreheatArgs(args: Record<string, unknown>): string[] {
  const out: string[] = [];
  const prefix = 'CreatePreheatJobRequest.Args';
  const type = args.type;
  if (type === undefined || type === null || type === '') out.push(fieldError(`${prefix}.Type`, 'required'));
  else if (type !== 'image' && type !== 'file') out.push(fieldError(`${prefix}.Type`, 'oneof'));
  for (const r of PREHEAT_RULES) {
    const v = args[r.json];
    if (v === undefined || v === null) continue;
    // omitempty skips zero values, except behind a pointer: a present 0 is validated.
    const n = r.kind === 'len' ? (v as unknown[]).length : (v as number);
    if (r.kind !== 'len' && n === 0 && !r.pointer) continue;
    if (r.gte !== undefined && n < r.gte) out.push(fieldError(`${prefix}.${r.field}`, 'gte'));
    else if (r.lte !== undefined && n > r.lte) out.push(fieldError(`${prefix}.${r.field}`, 'lte'));
  }
  return out;
}

/** Whether a decoded args object is Go's zero value (nothing set), which `omitempty` skips. */
export function isZeroArgs(args: Record<string, unknown>): boolean {
  // A present slice or map is not a zero value in Go, even when empty.
  return Object.values(args).every((v) => v === undefined || v === null || v === '' || v === 0 || v === false);
}

export const IMAGE_MANIFEST = /^(.*):\/\/(.*)\/v2\/(.*)\/manifests\/(.*)/;
