/**
 * `npm run bench:readme [bench/results/<date>.json]`: rewrites the README's benchmark tables, between
 * the `bench:tables` markers, from one bench:all report (the newest when none is named), so every
 * number there comes from a dated run.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AllResults } from './all';
import { calmText } from './lib/calm';
import { describe, met } from './lib/report';

const root = join(import.meta.dirname, '..');
const START = '<!-- bench:tables:start (npm run bench:readme writes this part) -->';
const END = '<!-- bench:tables:end -->';

const newest = () => {
  const files = readdirSync(join(root, 'bench', 'results')).filter((f) => f.endsWith('.json')).sort();
  if (!files.length) throw new Error('no report in bench/results: run npm run bench:all');
  return join(root, 'bench', 'results', files.at(-1)!);
};

const path = process.argv[2] ?? newest();
const all = JSON.parse(readFileSync(path, 'utf8')) as AllResults;
const cell = (s: string) => s.replace(/\|/g, '\\|');

const sections = all.results.map((r) => {
  const rows = r.figures.map((f) => {
    const { goal: _goal, ...withoutGoal } = f;
    const goal = f.goal === undefined ? '' : `≤ ${f.goal.toLocaleString('en-US')} ${f.unit}: ${met(f) ? 'met' : '**not met**'}`;
    return `| ${cell(f.name.trim())} | ${cell(describe(withoutGoal))} | ${goal} |`;
  });
  const calm = r.calm ? `; ${calmText(r.calm)}` : '';
  return [`**${r.bench}**, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, load average ${r.loadBefore} → ${r.loadAfter}${calm}`, '', '| measure | result | goal |', '| --- | --- | --- |', ...rows].join('\n');
});

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} section`);
const body = [`From \`bench/results/${path.split('/').at(-1)}\` (${all.machine}).`, '', ...sections.flatMap((s) => [s, ''])].join('\n');
writeFileSync(join(root, 'README.md'), `${readme.slice(0, a + START.length)}\n${body}${readme.slice(b)}`);
console.log(`README.md tables rewritten from ${path}`);
