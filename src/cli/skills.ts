// `pacer skills`: list skills, create or rename one (and describe it), set an agent's skills.
import { parseArgs } from 'node:util';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { pageTable, print } from './output.ts';

const usage = 'pacer skills [list] | put ID NAME [DESCRIPTION] | assign AGENT ID[,ID...]|none';

function skillIds(raw: string): number[] {
  if (raw === 'none') return [];
  const ids = raw.split(',').map((s) => s.trim());
  if (ids.some((s) => !/^\d{1,9}$/.test(s))) throw new UsageError(`skill ids are numbers separated by commas (or "none"), got "${raw}"`);
  return ids.map(Number);
}

export async function runSkills(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: commonOptions });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', arg, extra, description] = positionals;
  if (action === 'list') {
    const page = await client.skills.list({ cursor: values.cursor });
    print(t.json, page, () => pageTable(page, ['id', 'name', 'description']));
  } else if (action === 'put' && arg && extra) {
    if (!/^\d{1,9}$/.test(arg)) throw new UsageError(`a skill id is a positive number, got "${arg}"`);
    const skill = await client.skills.put(Number(arg), extra, description);
    print(t.json, skill, () => `skill ${skill.id}: ${skill.name}`);
  } else if (action === 'assign' && arg && extra) {
    const agent = await client.agents.setSkills(arg, skillIds(extra));
    print(t.json, agent, () => `agent ${agent.id}: skills ${agent.skills.length ? agent.skills.join(', ') : '(none)'}`);
  } else {
    throw new UsageError(usage);
  }
  return 0;
}
