// The `pacer` command line: one subcommand per file, dispatched here.
import { runSimulate } from './simulate.ts';

const usage = `usage: pacer <command> [options]

commands:
  simulate --scenario FILE [--strategy predictive|progressive|ratio:X|adapt] [--seed N]
           [--events OUT.jsonl] [--json]     replay a dialer scenario on a virtual clock`;

const commands: Record<string, (args: string[]) => Promise<number> | number> = {
  simulate: runSimulate,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return command === undefined ? 2 : 0;
  }
  const run = commands[command];
  if (!run) {
    console.error(`pacer: unknown command "${command}"\n\n${usage}`);
    return 2;
  }
  return run(rest);
}

process.exitCode = await main(process.argv.slice(2));
