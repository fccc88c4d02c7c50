#!/usr/bin/env node
// The `pacer` command line: one subcommand per file, dispatched here. Every command but `serve`
// and `simulate` talks to a running Pacer through the public client only.
import { PacerApiError, WolkvoxError } from '../../packages/client/src/index.ts';
import { runAllowedAddresses, runAuditLog } from './audit.ts';
import { runCallbacks } from './callbacks.ts';
import { runCampaigns } from './campaigns.ts';
import { UsageError } from './cli-config.ts';
import { runOperations } from './operations.ts';
import { runOutboundPolicy } from './outbound-policy.ts';
import { runRecords } from './records.ts';
import { runReports } from './reports.ts';
import { runAgents, runCalls, runEvents, runTokens } from './resources.ts';
import { runSimulate } from './simulate.ts';
import { runSkills } from './skills.ts';
import { runTrunks } from './trunks.ts';

const usage = `usage: pacer <command> [options]

commands:
  serve                                      run Pacer (configuration from the environment, see README)
  simulate --scenario FILE [--strategy predictive|progressive|ratio:X|adapt] [--seed N]
           [--events OUT.jsonl] [--json]     replay a dialer scenario on a virtual clock
  agents [list|get|status|dial|hold|mute|hang] ... | phone ID [--password P|- | --contact SIP_URI | --remove]
  calls [list|get] [--agent A] [--campaign C] [--state S]
  callbacks [list] [--agent A] [--campaign C] [--status S] [--from TIME] [--to TIME]
            | show ID | reschedule ID TIME | cancel ID    TIME: ISO 8601 or +30m, +2h, +1d
  skills [list] | put ID NAME | assign AGENT ID[,ID...]|none
  operations [list] | show ID | create ID NAME --time-zone Z [--licenses N] [--acw S] | update ID ...
                                             the admin API: --admin-token (PACER_ADMIN_TOKEN)
  tokens [list|create DESCRIPTION [--role R] [--agent ID]|revoke ID]
  audit-log [--from ISO_TIME] [--to ISO_TIME]  administrative changes: who, from where, what (default the last day)
  allowed-addresses [list] | add ADDRESS [--permanent] [--description D] | remove ADDRESS
  trunks [list] | add URI [--username U --password P|-] [--caller-id N] [--max-calls N] [--prefix P] [--strip N]
         [--ring-timeout S] | show ID | change ID [--uri URI] [the same flags; none clears] | remove ID
  outbound-policy [show] | set [--country-code N] [--min-digits N] [--allow P,...|none] [--block P,...|none]
  events [--follow] [--agent A] [--campaign C] [--type T,...] [--after SEQ]
  campaigns [list] [--status S] [--type T] | show ID | create NAME [--type predictive|preview]
            [--description D] [--start HH:MM] [--end HH:MM] | start ID | stop ID | speed ID N | delete ID
  records import FILE.csv --campaign N [--batch 5000] [--resume]
          | search [--campaign C] [--customer ID] [--phone P] [--status S] | show CAMPAIGN CUSTOMER
          | remove CAMPAIGN CUSTOMER
  reports agent-time --from TIME --to TIME [--agent A] [--bucket 30|60] [--csv]
          | calls --from TIME --to TIME [--connected yes|no] [--agent A] [--campaign C] [--csv]
                                             TIME: ISO 8601 or -1d; a range of at most 31 days

common options, before or after the command: --url URL (PACER_URL, default http://127.0.0.1:8080),
                --token TOKEN (PACER_TOKEN), --json, --cursor C (a list resumes after a "(more: --cursor C)" page)`;

const commands: Record<string, (args: string[]) => Promise<number> | number> = {
  serve: async () => {
    await import('../main.ts');
    return new Promise<number>(() => undefined);
  },
  simulate: runSimulate,
  agents: runAgents,
  calls: runCalls,
  callbacks: runCallbacks,
  skills: runSkills,
  tokens: runTokens,
  'audit-log': runAuditLog,
  'allowed-addresses': runAllowedAddresses,
  events: runEvents,
  campaigns: runCampaigns,
  operations: runOperations,
  records: runRecords,
  reports: runReports,
  'outbound-policy': runOutboundPolicy,
  trunks: runTrunks,
};

/** The common options, and whether each takes a value. */
const commonOptions: Record<string, boolean> = { '--url': true, '--token': true, '--admin-token': true, '--cursor': true, '--json': false };

/**
 * The command and its arguments: common options given before the command (`pacer --url U records
 * import …`) go to it as if given after.
 */
function splitCommand(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    const name = arg.split('=')[0] ?? '';
    const takesValue = commonOptions[name];
    if (takesValue === undefined) break;
    const inline = arg.includes('=');
    leading.push(arg);
    if (takesValue && !inline) {
      if (argv[i + 1] === undefined) break; // the command's parser says the value is missing
      leading.push(argv[i + 1] ?? '');
      i += 1;
    }
    i += 1;
  }
  const [command, ...rest] = argv.slice(i);
  return { command, rest: [...rest, ...leading] };
}

async function main(argv: string[]): Promise<number> {
  const { command, rest } = splitCommand(argv);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return command === undefined ? 2 : 0;
  }
  const run = commands[command];
  if (!run) {
    console.error(`pacer: unknown command "${command}"\n\n${usage}`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`pacer ${command}: ${error.message}`);
      return 2;
    }
    if (error instanceof PacerApiError || error instanceof WolkvoxError) {
      console.error(`pacer ${command}: ${error.message} (HTTP ${error.status})`);
      return 1;
    }
    throw error;
  }
}

// A reader that stops reading (`pacer records search --all | head`) ends the command quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
process.exitCode = await main(process.argv.slice(2));
