import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from './redact';

export type Log = (message: string) => void;

export interface LoggerOptions {
  echo?: boolean;
  /** desk.log is rotated when it reaches this size: desk.log.1 … desk.log.<keep>. */
  maxBytes?: number;
  keep?: number;
}

/**
 * Append-only log in `<dataDir>/logs/desk.log`; every line passes through the redactor first. The file
 * is rotated by size, so it never grows without bound: at most (keep + 1) × maxBytes on disk.
 */
export function createLogger(dataDir: string, redactor: Redactor, opts: LoggerOptions = {}): Log {
  const { echo = false, maxBytes = 5 * 1024 * 1024, keep = 3 } = opts;
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'desk.log');
  let size = (() => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  })();
  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, `${file}.1`);
    size = 0;
  };
  return (message) => {
    const line = `${new Date().toISOString()} ${redactor.redact(message)}\n`;
    try {
      if (size + line.length > maxBytes && size > 0) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    } catch {
      // Logging must never break the app.
    }
    if (echo) process.stderr.write(line);
  };
}
