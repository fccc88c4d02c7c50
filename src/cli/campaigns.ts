// `pacer campaigns`: list, show, create, start, stop, speed and delete campaigns, and read a
// campaign's live state (stats) and its day so far (series), through the native API.
import { parseArgs } from 'node:util';
import { PacerApiError, seriesBucketMinutes, type Campaign, type CampaignStats, type PacerClient, type SeriesBucketMinutes } from '../../packages/client/src/index.ts';
import { diallingLine, seriesText, statsText } from './campaign-stats.ts';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { pageTable, print, table } from './output.ts';

const columns = ['id', 'name', 'type', 'status', 'speed', 'dial_mode', 'skill_id', 'start_time', 'end_time'];
const usage = 'pacer campaigns [list] [--status started|stopped] [--type predictive|preview] | show ID | stats ID | series ID [--bucket 5|10|15|30|60]'
  + ' | create NAME [--type predictive|preview] [--description TEXT] [--start HH:MM] [--end HH:MM] | start ID | stop ID | speed ID 0-100 | delete ID';

/** Why the campaign is not dialling, when the caller may read its stats (a supervisor); undefined for an agent's token. */
async function notDiallingOf(client: PacerClient, id: string): Promise<CampaignStats['not_dialling'] | undefined> {
  try {
    return (await client.campaigns.stats(id)).not_dialling;
  } catch (error) {
    if (error instanceof PacerApiError && error.code === 'ROLE_FORBIDDEN') return undefined;
    throw error;
  }
}

export async function runCampaigns(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      ...commonOptions, type: { type: 'string' }, status: { type: 'string' }, description: { type: 'string' },
      start: { type: 'string' }, end: { type: 'string' }, limit: { type: 'string' }, bucket: { type: 'string' },
    },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', arg, extra] = positionals;
  const type = values.type as Campaign['type'] | undefined;
  if (type !== undefined && type !== 'predictive' && type !== 'preview') throw new UsageError('--type must be predictive or preview');
  const show = (c: Campaign) => print(t.json, c, () => table([c], columns));

  if (action === 'list') {
    const status = values.status as Campaign['status'] | undefined;
    if (status !== undefined && status !== 'started' && status !== 'stopped') throw new UsageError('--status must be started or stopped');
    const page = await client.campaigns.list({ status, type, limit: values.limit ? Number(values.limit) : undefined, cursor: values.cursor });
    print(t.json, page, () => pageTable(page, columns));
    return 0;
  }
  if (!arg) throw new UsageError(usage);
  if (action === 'show') {
    const campaign = await client.campaigns.get(arg);
    const notDialling = await notDiallingOf(client, arg);
    if (notDialling === undefined) show(campaign);
    else print(t.json, { ...campaign, not_dialling: notDialling }, () => `${table([campaign], columns)}\n${diallingLine(notDialling)}`);
  } else if (action === 'stats') {
    const stats = await client.campaigns.stats(arg);
    print(t.json, stats, () => statsText(stats));
  } else if (action === 'series') {
    const bucket = values.bucket === undefined ? undefined : Number(values.bucket);
    if (bucket !== undefined && !(seriesBucketMinutes as readonly number[]).includes(bucket)) {
      throw new UsageError(`--bucket must be one of ${seriesBucketMinutes.join(', ')} (minutes)`);
    }
    const series = await client.campaigns.series(arg, { bucket: bucket as SeriesBucketMinutes | undefined });
    print(t.json, series, () => seriesText(series));
  } else if (action === 'create') {
    show(await client.campaigns.create({
      type: type ?? 'predictive', name: arg, ...(values.description ? { description: values.description } : {}),
      ...(values.start ? { start_time: values.start } : {}), ...(values.end ? { end_time: values.end } : {}),
    }));
  } else if (action === 'start' || action === 'stop') show(await client.campaigns.change(arg, { status: action === 'start' ? 'started' : 'stopped' }));
  else if (action === 'speed' && extra !== undefined) {
    const speed = Number(extra);
    if (!Number.isInteger(speed) || speed < 0 || speed > 100) throw new UsageError('speed is an integer from 0 to 100');
    show(await client.campaigns.change(arg, { speed }));
  } else if (action === 'delete') {
    await client.campaigns.remove(arg);
    print(t.json, { deleted: arg }, () => `campaign ${arg} deleted`);
  } else throw new UsageError(usage);
  return 0;
}
