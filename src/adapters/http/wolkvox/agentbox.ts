// agentbox.php: the Agent APIs. Each entry names its parameters (read from the query string, even
// on POST), the use case it calls and the message it answers; documented messages (the pages, and
// the official Postman collection where the pages say nothing) are verbatim, typos included.
import type { StatusRequest } from '../../../domain/agent.ts';
import { agentButtons } from '../../../domain/agent.ts';
import { recallTypes } from '../../../domain/callback.ts';
import type { Access, Engine } from '../../../engine/api.ts';
import { fail } from '../../../domain/errors.ts';
import { dataSchemas, type Answer } from './answers.ts';
import { aliased, nameSent, oneOf, optional, p, pattern, type ParamList, type Parsed } from './params.ts';

export interface AgentboxApi<L extends ParamList = ParamList> {
  /** POST unless said (the collection's edit_recall is PUT, delete_recall DELETE). */
  method?: 'PUT' | 'DELETE';
  /** One line for the documents. */
  summary: string;
  /** The success: always 200 with a string code. */
  answer: Omit<Answer, 'status' | 'code'>;
  params: L;
  run(engine: Engine, access: Access, params: Parsed<L>): Promise<{ msg: string; data?: unknown }>;
}

const api = <L extends ParamList>(def: AgentboxApi<L>) => def as unknown as AgentboxApi;

/** The success an agentbox api answers. */
export const agentboxSuccess = (def: AgentboxApi): Answer => ({ status: 200, code: 'string', ...def.answer });

const recallType = oneOf(recallTypes);
/** A campaign record as the collection's recall names it: both or neither. */
const recordParams = { id_camp: optional(p.campaignId), id_customer: optional(p.customerId) };

function optionalRecord(q: { id_camp?: string; id_customer?: string }): { campaignId: string; customerId: string } | undefined {
  if (q.id_camp === undefined && q.id_customer === undefined) return undefined;
  if (q.id_customer === undefined) throw fail.parameterRequired('id_customer', 'id_camp and id_customer name the record together');
  if (q.id_camp === undefined) throw fail.parameterRequired('id_camp', 'id_camp and id_customer name the record together');
  return { campaignId: q.id_camp, customerId: q.id_customer };
}

const status = pattern(/^(ready|logout|\d{1,9})$/, 'ready, logout or the id of an auxiliary state', 'ready');

function statusRequest(value: string): StatusRequest {
  if (value === 'ready' || value === 'logout') return { state: value };
  return { state: 'aux', auxId: Number(value) };
}

export const agentboxApis: Record<string, AgentboxApi> = {
  change_status: api({
    summary: "Change the agent's state: ready, logout or an auxiliary state (on a call: applied when the call and its after-call work end)",
    answer: { msg: ['Agent status has been modified to {state}', 'Agent status has been modified to {state}: it applies when the current call and its after-call work end'], msgExamples: { state: 'Ready' } },
    params: { agent_id: p.agentId, status },
    async run(engine, access, q) {
      const r = await engine.agentbox.changeStatus(access, q.agent_id, statusRequest(q.status));
      return {
        msg: r.deferred
          ? `Agent status has been modified to ${r.stateName}: it applies when the current call and its after-call work end`
          : `Agent status has been modified to ${r.stateName}`,
      };
    },
  }),
  dial: api({
    summary: 'Dial a customer from the agent; the answered call is connected to the agent',
    answer: { msg: 'Dial has been successful', data: dataSchemas.connId },
    params: { agent_id: p.agentId, customer_phone: p.phone, customer_id: optional(p.customerId), customer_name: optional(p.name) },
    async run(engine, access, q) {
      const r = await engine.agentbox.dial(access, { agentId: q.agent_id, phone: q.customer_phone, customerId: q.customer_id, customerName: q.customer_name });
      return { msg: 'Dial has been successful', data: { conn_id: r.connId } };
    },
  }),
  hold: api({
    summary: "Put the agent's call on hold, or take it off (a toggle)",
    answer: { msg: 'Hold agentbox has been excecuted' },
    params: { agent_id: p.agentId },
    async run(engine, access, q) {
      await engine.agentbox.hold(access, q.agent_id);
      return { msg: 'Hold agentbox has been excecuted' };
    },
  }),
  mute: api({
    summary: "Mute the agent's microphone, or unmute it (a toggle)",
    answer: { msg: 'Microphone agentbox has been excecuted' },
    params: { agent_id: p.agentId },
    async run(engine, access, q) {
      await engine.agentbox.mute(access, q.agent_id);
      return { msg: 'Microphone agentbox has been excecuted' };
    },
  }),
  hang: api({
    summary: "Hang up the agent's call; the agent goes to after-call work",
    answer: { msg: 'Hang has been successful' },
    params: { agent_id: p.agentId },
    async run(engine, access, q) {
      await engine.agentbox.hang(access, q.agent_id);
      return { msg: 'Hang has been successful' };
    },
  }),
  type: api({
    summary: "Disposition (activity codes) of the agent's current or last call",
    answer: { msg: 'Type has been successful', data: dataSchemas.connId },
    params: { agent_id: p.agentId, cod_act: p.code, cod_act_2: p.code, comments: optional(p.comments) },
    async run(engine, access, q) {
      const r = await engine.agentbox.type(access, q.agent_id, { codAct: q.cod_act, codAct2: q.cod_act_2, comments: q.comments });
      return { msg: 'Type has been successful', data: { conn_id: r.connId } };
    },
  }),
  hang_type_ready: api({
    summary: 'Hang up, disposition and ready in one step (the call must be up)',
    answer: { msg: 'Type has been successful' },
    params: { agent_id: p.agentId, cod_act: p.code, cod_act_2: optional(p.code), comments: optional(p.comments) },
    async run(engine, access, q) {
      await engine.agentbox.hangTypeReady(access, q.agent_id, { codAct: q.cod_act, codAct2: q.cod_act_2, comments: q.comments });
      return { msg: 'Type has been successful' };
    },
  }),
  transfer: api({
    summary: "Blind transfer of the agent's call to a number or another agent's extension",
    answer: { msg: 'Call has been transfer to {customer_phone} number', data: dataSchemas.connId },
    params: { agent_id: p.agentId, customer_phone: p.transferTarget },
    async run(engine, access, q) {
      const r = await engine.agentbox.transfer(access, q.agent_id, q.customer_phone);
      return { msg: `Call has been transfer to ${q.customer_phone} number`, data: { conn_id: r.connId } };
    },
  }),
  aux_call: api({
    summary: 'After a predictive-campaign call has ended, a further manual call to that customer',
    answer: { msg: 'Type has been successful', data: dataSchemas.connId },
    params: { agent_id: p.agentId, customer_phone: p.phone },
    async run(engine, access, q) {
      const r = await engine.agentbox.auxCall(access, q.agent_id, q.customer_phone);
      // The collection's example answers as `type` does (probably copied from it there); reproduced.
      return { msg: 'Type has been successful', data: { conn_id: r.connId } };
    },
  }),
  // The pages' names (seed 000) and the collection's (telefono, rellamada, recall_style, and the
  // record as id_camp, id_customer, with name_recall) are both read.
  recall: api({
    summary: "Schedule a callback owned by the agent, on the operation's clock (auto: dialled for the agent; manual: the agent is reminded)",
    answer: { msg: 'Recall has been successful' },
    params: {
      agent_id: p.agentId, customer_phone: aliased(p.phone, 'telefono'), date: aliased(p.stamp, 'rellamada'),
      type_recall: aliased(recallType, 'recall_style'), ...recordParams, name_recall: optional(p.name),
    },
    async run(engine, access, q) {
      await engine.agentbox.recall(access, {
        agentId: q.agent_id, phone: q.customer_phone, dueAt: { stamp: q.date, param: nameSent(q, 'date') }, type: q.type_recall,
        record: optionalRecord(q), customerName: q.name_recall,
      });
      return { msg: 'Recall has been successful' };
    },
  }),
  edit_recall: api({
    summary: "Move the record's open agent recall: its time, phone, style, or agent",
    answer: { msg: 'Recall has been updated successfully' },
    method: 'PUT',
    params: {
      agent_id: p.agentId, id_camp: p.campaignId, id_customer: p.customerId, recall: p.stamp, telephone: optional(p.phone),
      recall_style: optional(recallType), name_recall: optional(p.name),
    },
    async run(engine, access, q) {
      await engine.agentbox.editRecall(access, {
        agentId: q.agent_id, record: { campaignId: q.id_camp, customerId: q.id_customer }, dueAt: { stamp: q.recall, param: 'recall' },
        phone: q.telephone, type: q.recall_style, customerName: q.name_recall,
      });
      return { msg: 'Recall has been updated successfully' };
    },
  }),
  delete_recall: api({
    summary: "Cancel the agent's open recalls of the record",
    answer: { msg: 'Recall has been deleted successfully' },
    method: 'DELETE',
    // name_recall is sent by the collection's example; it names nothing to delete.
    params: {
      agent_id: p.agentId, id_camp: p.campaignId, id_customer: p.customerId, telephone: optional(p.phone),
      recall_style: optional(recallType), name_recall: optional(p.name),
    },
    async run(engine, access, q) {
      await engine.agentbox.deleteRecall(access, {
        agentId: q.agent_id, record: { campaignId: q.id_camp, customerId: q.id_customer }, phone: q.telephone, type: q.recall_style,
      });
      return { msg: 'Recall has been deleted successfully' };
    },
  }),
  dtmf: api({
    summary: "Send DTMF tones on the agent's call",
    answer: { msg: 'default', data: { type: 'string', const: 'tones agentbox has been added ' } },
    params: { agent_id: p.agentId, tones: p.tones },
    async run(engine, access, q) {
      await engine.agentbox.dtmf(access, q.agent_id, q.tones);
      return { msg: 'default', data: 'tones agentbox has been added ' };
    },
  }),
  agent_display: api({
    summary: "Show or hide a button of the agent's console (hungup, disposition, dial)",
    answer: { msg: 'default', data: { type: 'string', enum: ['Agentbox has been show', 'Agentbox has been hide'] } },
    params: { agent_id: p.agentId, display: oneOf(['show', 'hide'] as const), button: oneOf(agentButtons) },
    async run(engine, access, q) {
      await engine.agentbox.display(access, q.agent_id, q.button, q.display === 'show');
      return { msg: 'default', data: `Agentbox has been ${q.display}` };
    },
  }),
};
