// `pacer records`: import a CSV (records-import.ts), search, show and remove records through the
// native API.
import { parseArgs } from 'node:util';
import type { RecordFilter } from '../../packages/client/src/index.ts';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { pageTable, print, table } from './output.ts';
import { runRecordsImport } from './records-import.ts';

const columns = ['campaign_id', 'customer_id', 'status', 'attempts', 'last_result', 'phones', 'recall_date'];
const usage = 'pacer records import FILE.csv --campaign N | search [--campaign C] [--customer ID] [--phone P] [--status fresh|dialing|done] [--all]'
  + ' | show CAMPAIGN CUSTOMER | remove CAMPAIGN CUSTOMER';

export async function runRecords(args: string[]): Promise<number> {
  if (args[0] === 'import') return runRecordsImport(args);
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      ...commonOptions, campaign: { type: 'string' }, customer: { type: 'string' }, phone: { type: 'string' }, status: { type: 'string' },
      limit: { type: 'string' }, all: { type: 'boolean' },
    },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'search', campaignId, customerId] = positionals;
  if (action === 'search') {
    const status = values.status as RecordFilter['status'];
    if (status !== undefined && !['fresh', 'dialing', 'done'].includes(status)) throw new UsageError('--status must be fresh, dialing or done');
    const filter: RecordFilter = { campaign: values.campaign, customer_id: values.customer, phone: values.phone, status, limit: values.limit ? Number(values.limit) : undefined };
    // One page unless --all: then every page, printed as it arrives (bounded by the data itself).
    let page = await client.records.search({ ...filter, cursor: values.cursor });
    print(t.json, page, () => (values.all ? table(page.data, columns) : pageTable(page, columns)));
    while (values.all && page.next_cursor !== null) {
      page = await client.records.search({ ...filter, cursor: page.next_cursor });
      print(t.json, page, () => table(page.data, columns).split('\n').slice(1).join('\n'));
    }
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
