// Agents' standing sessions on a real carrier. An agent that logs in (ready or an auxiliary state)
// must have a phone Pacer can call — a fixed contact, or a phone registered now (where it
// registered from, by any Pacer process) — else the change is a 409 that says how to fix it. Once the
// change is committed Pacer calls the phone and keeps that call up for the whole shift; customers
// are connected to it. The phone hanging up, or never answering, logs the agent out (after its
// call, if it is on one) with an `agent.phone_lost` event that says why. Logging out ends the
// session. The simulated carrier has no phones: none of this applies to it.
import { transition, type Agent } from '../../domain/agent.ts';
import { fail, PacerError } from '../../domain/errors.ts';
import { registrationRealm, registrationUser } from '../../domain/registration-user.ts';
import { saveAgent } from '../agent-changes.ts';
import type { EngineDeps } from '../deps.ts';
import type { Tx } from '../ports/store.ts';

export interface AgentSessions {
  /** In the transaction of a change that leaves the agent logged in: its phone, then its session once committed. */
  loggedIn(tx: Tx, agent: Agent): Promise<void>;
  /** In the transaction that logged the agent out: its session ends once committed. */
  loggedOut(tx: Tx, agent: Agent): void;
  /** The carrier says the agent's session ended on its own, or could not open. */
  lost(operationId: string, agentId: string, reason: string): Promise<void>;
  /** The agent's session was lost through no fault of its phone: opened again if the agent is still logged in. */
  dropped(operationId: string, agentId: string): Promise<void>;
}

/** How the agent's phone registers, for the refusal of a phone that is not registered. */
function notRegistered(agent: Agent, sipAddress: string | null): string {
  const registrar = sipAddress === null ? 'Pacer\'s SIP address' : `${sipAddress} (UDP or TCP)`;
  return `its phone is not registered: register it to ${registrar} as user ${registrationUser(agent.operationId, agent.id)} `
    + `with the password set by PUT /v1/agents/${agent.id}/phone (realm ${registrationRealm(agent.operationId)})`;
}

export function createAgentSessions(deps: EngineDeps): AgentSessions {
  const { telephony } = deps;
  const sip = telephony.mode === 'sip';

  const lost: AgentSessions['lost'] = (operationId, agentId, reason) => deps.store.transaction(async (tx) => {
    const agent = await tx.agents.lock(operationId, agentId);
    if (!agent || agent.state === 'logout') return;
    const now = deps.clock.now();
    // On a call the logout waits for its end and after-call work, like any change_status.
    await saveAgent(tx, agent, transition(agent, 'goLogout', now).agent, now);
    await tx.events.append({ operationId, at: now, type: 'agent.phone_lost', agentId, callId: agent.callId, data: { reason } });
  });

  /** The session request of a logged-in agent, or a 409 that says why its phone cannot be called. */
  const sessionOf = async (tx: Tx, agent: Agent) => {
    const phone = await tx.agentPhones.get(agent.operationId, agent.id, deps.clock.now());
    if (!phone) throw fail.agentPhoneUnreachable(agent.id, `it has no phone: set one with PUT /v1/agents/${agent.id}/phone`);
    const contact = phone.mode === 'contact' ? phone.contact : phone.registered?.contact;
    if (contact === undefined) throw fail.agentPhoneUnreachable(agent.id, notRegistered(agent, deps.settings.sipAddress));
    return { operationId: agent.operationId, agentId: agent.id, contact, ringTimeoutS: deps.settings.ringTimeoutS };
  };

  return {
    async loggedIn(tx, agent) {
      if (!sip) return;
      const request = await sessionOf(tx, agent);
      tx.afterCommit(() => telephony.openAgentSession(request));
    },
    loggedOut(tx, agent) {
      if (sip) tx.afterCommit(() => telephony.closeAgentSession(agent.operationId, agent.id));
    },
    lost,
    dropped: (operationId, agentId) => deps.store.transaction(async (tx) => {
      const agent = await tx.agents.lock(operationId, agentId);
      if (!agent || agent.state === 'logout') return;
      try {
        const request = await sessionOf(tx, agent);
        tx.afterCommit(() => telephony.openAgentSession(request));
      } catch (error) {
        if (!(error instanceof PacerError)) throw error;
        tx.afterCommit(() => { void lost(operationId, agentId, error.message); });
      }
    }),
  };
}
