// `pacer campaigns create|start|stop|speed`: campaign control through the wolkvox campaign API.
import { parseArgs } from 'node:util';
import { commonOptions, target, UsageError, wolkvoxClient } from './cli-config.ts';
import { print } from './output.ts';

export async function runCampaigns(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...commonOptions, type: { type: 'string' }, description: { type: 'string' } } });
  const t = target(values);
  const client = wolkvoxClient(t);
  const type = (values.type ?? 'predictive') as 'predictive' | 'preview';
  if (type !== 'predictive' && type !== 'preview') throw new UsageError('--type must be predictive or preview');
  const [action, arg, extra] = positionals;
  let answer;
  if (action === 'create' && arg) answer = await client.campaign.create(type, { campaign_name: arg, campaign_description: values.description ?? '' });
  else if (action === 'start' && arg) answer = await client.campaign.start(type, arg);
  else if (action === 'stop' && arg) answer = await client.campaign.stop(type, arg);
  else if (action === 'speed' && arg && extra !== undefined) {
    const speed = Number(extra);
    if (!Number.isInteger(speed) || speed < 0 || speed > 100) throw new UsageError('speed is an integer from 0 to 100');
    answer = await client.campaign.speed(type, arg, speed);
  } else {
    throw new UsageError('pacer campaigns create NAME [--type predictive|preview] | start ID | stop ID | speed ID 0-100');
  }
  print(t.json, answer, () => `${answer.msg}${answer.data ? `\n${JSON.stringify(answer.data)}` : ''}`);
  return 0;
}
