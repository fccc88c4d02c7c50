// `pacer records`: import a CSV (records-import.ts), search, show and remove records through the
// native API.
import { parseArgs } from 'node:util';
import type { RecordFilter } from '../../packages/client/src/index.ts';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { pageTable, print, printAll, table } from './output.ts';
import { runRecordsImport } from './records-import.ts';

const columns = ['campaign_id', 'customer_id', 'status', 'attempts', 'last_result', 'phones', 'recall_date'];
const usage = 'pacer records import FILE.csv --campaign N | search [--campaign C] [--customer ID] [--phone P] [--name TEXT] [--status fresh|dialing|done] [--all]'
  + ' | show CAMPAIGN CUSTOMER | remove CAMPAIGN CUSTOMER';

export async function runRecords(args: string[]): Promise<number> {
  if (args[0] === 'import') return runRecordsImport(args);
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      ...commonOptions, campaign: { type: 'string' }, customer: { type: 'string' }, phone: { type: 'string' }, name: { type: 'string' }, status: { type: 'string' },
      limit: { type: 'string' }, all: { type: 'boolean' },
    },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'search', campaignId, customerId] = positionals;
  if (action === 'search') {
    const status = values.status as RecordFilter['status'];
    if (status !== undefined && !['fresh', 'dialing', 'done'].includes(status)) throw new UsageError('--status must be fresh, dialing or done');
    const filter: RecordFilter = { campaign: values.campaign, customer_id: values.customer, phone: values.phone, name: values.name, status, limit: values.limit ? Number(values.limit) : undefined };
    // One page unless --all: then every page from there on, printed as it arrives.
    const page = await client.records.search({ ...filter, cursor: values.cursor });
    if (values.all) await printAll(t.json, page, (cursor) => client.records.search({ ...filter, cursor }), columns);
    else print(t.json, page, () => pageTable(page, columns));
    return 0;
  }
  if (!campaignId || !customerId) throw new UsageError(usage);
  if (action === 'show') {
    const record = await client.records.get(campaignId, customerId);
    print(t.json, record, () => `${table([record], columns)}\n${JSON.stringify(record.data, null, 2)}`);
  } else if (action === 'remove') {
    await client.records.remove(campaignId, customerId);
    print(t.json, { removed: { campaign_id: campaignId, customer_id: customerId } }, () => `record ${customerId} removed from campaign ${campaignId}`);
  } else throw new UsageError(usage);
  return 0;
}
