const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm:ss` in local time, as the console shows it. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || d.getFullYear() < 1000) return '-';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "1 h 5 m", "42 s": the two largest units. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '-';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} m ${s % 60} s` : `${m} m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} m` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '-';
  if (ms < 5000) return 'just now';
  return `${duration(ms)} ago`;
}

/** A Go time.Duration in nanoseconds, in words: 3600000000000 → "60 min". */
export function nanos(ns: number | null | undefined): string {
  if (ns === null || ns === undefined) return '-';
  const s = ns / 1e9;
  if (s % 3600 === 0 && s >= 7200) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

export function mib(bytes: number | null | undefined): string {
  if (!bytes) return '-';
  const v = bytes / 1024 / 1024;
  return `${Number.isInteger(v) ? v : v.toFixed(2)} MiB`;
}

// One formatter: `toLocaleString` builds a new one per call, which a page of figures paid for on each render.
const counter = new Intl.NumberFormat('en-US');
export const count = (n: number) => counter.format(n);

export const scopeLabel: Record<string, string> = {
  single_seed_peer: 'Single seed peer',
  all_seed_peers: 'All seed peers',
  all_peers: 'All peers',
};
