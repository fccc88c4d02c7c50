// The files of the wolkvox face, each with its table of apis: the router registers each file from
// here (routes.ts), and the OpenAPI document and the Postman collection list their apis from here.
import { agentboxApis, agentboxSuccess } from './agentbox.ts';
import { campaignApis } from './campaign.ts';
import { configurationApis } from './configuration.ts';
import type { WolkvoxApi, WolkvoxFile } from './file-api.ts';
import { customerApis } from './customer.ts';
import { informationApis } from './information.ts';
import { realTimeApis } from './real-time.ts';
import { reportsApis } from './reports.ts';

/** agentbox's table, in the shape of every file's: its entries name their parameters (all in the query string). */
const agentbox: Record<string, WolkvoxApi> = Object.fromEntries(Object.entries(agentboxApis).map(([name, def]) => [name, {
  method: def.method ?? 'POST', summary: def.summary, success: agentboxSuccess(def), query: def.params,
  run: (engine, access, query) => def.run(engine, access, query),
} satisfies WolkvoxApi]));

export const wolkvoxFiles: readonly WolkvoxFile[] = [
  {
    name: 'agentbox', apis: agentbox, bodyLimit: 64 * 1024,
    description: 'Agent APIs: an agent\'s session (parameters in the query string, even on POST); not counted against the daily quota',
  },
  {
    // add_record takes up to 10,000 records.
    name: 'campaign', apis: campaignApis, bodyLimit: 32 * 1024 * 1024,
    description: 'Campaign APIs: campaigns and their records (a JSON body on POST, PUT and DELETE); each call counts against the daily quota',
  },
  {
    name: 'information', apis: informationApis, bodyLimit: 64 * 1024,
    description: 'Information APIs: the operation\'s agents, skills, campaigns, codes, do-not-call list, token use, audit log and allowed IPs (GET); each call counts against the daily quota',
  },
  {
    // add_dnc and block_predictive_dnc take lists of numbers or customer ids.
    name: 'configuration', apis: configurationApis, bodyLimit: 1024 * 1024,
    description: 'Configuration APIs: agents, skills, activity codes, the do-not-call list and the IP allow-list (a JSON body); each call counts against the daily quota',
  },
  { name: 'real_time', apis: realTimeApis, bodyLimit: 64 * 1024, description: 'Real-time APIs: the floor now and the day so far (GET); each call counts against the daily quota' },
  {
    name: 'reports_manager', apis: reportsApis, bodyLimit: 64 * 1024,
    description: 'Reports over date_ini…date_end (YYYYmmddHHiiss on the operation\'s clock, date_end included, at most 31 days, at most 60,000 rows; GET); each call counts against the daily quota',
  },
  { name: 'customer', apis: customerApis, bodyLimit: 64 * 1024, description: 'customer.php\'s agents_statustime (GET); each call counts against the daily quota' },
];
