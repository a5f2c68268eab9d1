import { parseArgs } from 'node:util';
import { coldBenchScenario, demoScenario, listBenchScenario, watchBenchScenario } from './scenarios';
import { Simulator } from './simulator';

/**
 * `npm run sim -- [--scenario demo|watch-bench|list-bench|cold-bench|empty] [--control-port N] [--json]`
 * Starts simulated managers on 127.0.0.1 and prints where they listen.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'demo' },
      'control-port': { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
      'exit-with-parent': { type: 'boolean', default: false },
    },
  });
  const sim = new Simulator();
  await sim.startControl(Number(values['control-port']));
  const scenarios = { demo: demoScenario, 'watch-bench': watchBenchScenario, 'list-bench': listBenchScenario, 'cold-bench': coldBenchScenario, empty: async () => [] };
  const scenario = scenarios[values.scenario as keyof typeof scenarios];
  if (!scenario) throw new Error(`unknown scenario ${values.scenario}`);
  const managers = await scenario(sim);
  if (values.json) process.stdout.write(`${JSON.stringify({ controlUrl: sim.controlUrl, managers })}\n`);
  else {
    process.stdout.write(`Dragonfly manager simulator; control API at ${sim.controlUrl}\n`);
    for (const m of managers) process.stdout.write(`  ${m.name.padEnd(10)} ${m.url}  (${m.auth.kind})\n`);
  }
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by a script: stop when the parent goes away and our stdin closes.
  if (values['exit-with-parent']) process.stdin.on('end', stop).resume();
}

main().catch((err) => {
  process.stderr.write(`simulator: ${(err as Error).message}\n`);
  process.exit(1);
});
