import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from './redact';

export type Log = (message: string) => void;

/** Append-only log in `<dataDir>/logs/desk.log`; every line passes through the redactor first. */
export function createLogger(dataDir: string, redactor: Redactor, echo = false): Log {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'desk.log');
  return (message) => {
    const line = `${new Date().toISOString()} ${redactor.redact(message)}\n`;
    try {
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // Logging must never break the app.
    }
    if (echo) process.stderr.write(line);
  };
}
