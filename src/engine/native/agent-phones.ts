// An agent's SIP phone through the native API: set (a registration password, or a fixed contact
// checked by the domain's rules, src/domain/agent-phone.ts), removed, each told as an `agent.phone`
// event. The password is not kept: the store gets only its digest HA1 (../telephony/digest-ha1.ts).
// A phone set anew is not registered: the registration it had, if any, is cleared with the change
// (the phone registers again).
import type { AgentPhone, AgentPhoneRequest } from '../../domain/agent-phone.ts';
import { readAgentPhone } from '../../domain/agent-phone.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { KeptAgentPhone } from '../ports/agent-phones.ts';
import type { AgentPhoneView } from '../ports/read-model.ts';
import type { Tx } from '../ports/store.ts';
import { agentPhoneHa1 } from '../telephony/digest-ha1.ts';

function phoneView(agentId: string, phone: AgentPhone, now: number): AgentPhoneView {
  return phone.mode === 'registration'
    ? { agentId, mode: 'registration', contact: null, hasPassword: true, updatedAt: now, registration: null }
    : { agentId, mode: 'contact', contact: phone.contact, hasPassword: false, updatedAt: now, registration: null };
}

/** Sets the agent's phone, replacing the one it had; `allowPrivate` is PACER_SIP_ALLOW_PRIVATE. */
export async function setAgentPhone(tx: Tx, ctx: RequestContext, agentId: string, request: AgentPhoneRequest, allowPrivate: boolean): Promise<AgentPhoneView> {
  const read = readAgentPhone(request, allowPrivate);
  if (!read.ok) throw fail.badValue(read.message);
  // Locked so that it is not deleted meanwhile (its phone goes with it).
  if (!(await tx.agents.lock(ctx.operationId, agentId))) throw fail.agentNotFound(agentId);
  const phone = read.phone;
  const kept: KeptAgentPhone = phone.mode === 'registration'
    ? { mode: 'registration', passwordHa1: agentPhoneHa1(ctx.operationId, agentId, phone.password) }
    : phone;
  await tx.agentPhones.put(ctx.operationId, agentId, kept, ctx.now);
  const view = phoneView(agentId, read.phone, ctx.now);
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'agent.phone', agentId, data: { mode: view.mode, contact: view.contact, has_password: view.hasPassword },
  });
  return view;
}

export async function removeAgentPhone(tx: Tx, ctx: RequestContext, agentId: string): Promise<void> {
  if (!(await tx.agents.lock(ctx.operationId, agentId))) throw fail.agentNotFound(agentId);
  if (!(await tx.agentPhones.remove(ctx.operationId, agentId))) throw fail.agentPhoneNotFound(agentId);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.phone', agentId, data: { mode: null, contact: null, has_password: false } });
}
