// customer.php: agents_statustime (reference §6.1), per agent and hour of the operation's clock,
// like agent_8 with the operation's name and customer.php's own count names; the table shape of
// campaign.php. The engine computes (src/engine/reports/agent-time.ts); this file writes.
import type { CampaignApi } from './campaign.ts';
import type { ParamList } from './params.ts';
import { dayAndHour, found, listAnswer, range, rangeOfQuery, rowsSchema, stateFields, stateFieldSchemas } from './report-wire.ts';

const api = <Q extends ParamList>(def: CampaignApi<Q>) => def as unknown as CampaignApi;

const { calls: callsSchema, inbound: inboundSchema, outbound: outboundSchema, internal: internalSchema, ...timeSchemas } = stateFieldSchemas;

export const customerApis: Record<string, CampaignApi> = {
  agents_statustime: api({
    method: 'GET', summary: 'Per agent and hour (operation\'s clock): calls and time by state, AHT and occupancy, with the operation\'s name',
    success: listAnswer(rowsSchema({
      operation: ['the operation\'s name', 'Demo'], date: ['YYYY-MM-DD', '2026-03-02'], hour: ['the hour\'s start, HH:MM (military time)', '13:00'],
      agent_id: ['the agent extension', '1001'], agent_dni: ['its identity document number (create_agent, edit_agent); empty when none was given', '1020304050'], agent_name: ['its name', 'Ana Díaz'],
      calls: callsSchema, calls_inbound: inboundSchema, calls_outbound: outboundSchema, calls_internal: internalSchema,
      ...timeSchemas,
    })),
    query: range,
    async run(engine, access, q) {
      const report = await engine.reports.agentTime(access, rangeOfQuery(q), { bucket: 60 });
      const data = report.rows.map((r) => {
        const { calls, inbound, outbound, internal, ...times } = stateFields(r.time);
        return {
          operation: report.operationName, ...dayAndHour(r.from, report.timeZone), agent_id: r.agentId, agent_dni: r.agentDni, agent_name: r.agentName,
          calls, calls_inbound: inbound, calls_outbound: outbound, calls_internal: internal, ...times,
        };
      });
      return { msg: found(data.length), data };
    },
  }),
};
