/**
 * The `--secrets` choice of a desktop launch: `--secrets=file` or, as the README and `npm start --`
 * pass it, `--secrets file`. `secretsChoice` refuses an unknown value.
 */
export function secretsOption(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--secrets=')) return a.slice('--secrets='.length);
    if (a === '--secrets') return argv[i + 1];
  }
  return undefined;
}
