// Third-party call control (RFC 3725), the flow that works with a carrier that rings for long:
//   1. INVITE the agent's phone with no offer; its 2xx offers A; the ACK answers with A's formats
//      as a black hole (inactive, at 0.0.0.0: ./sdp.ts). The agent leg can stay up like this for a
//      whole shift (a standing session).
//   2. INVITE the customer offering A; the customer answers K.
//   3. re-INVITE the agent offering K (sendrecv) and, at the same time, the customer offering A
//      unless it has A sendrecv already (./media-paths.ts connect); if the agent answers A2 naming
//      other media than A, re-INVITE the customer offering A2.
// Hold: the customer is offered sendonly and the agent inactive; unhold: sendrecv on both. Every
// description is re-stamped per dialog by the dialog layer. Media flows phone <-> carrier; Pacer
// never touches RTP.
import type { Dialog, DialogEnd } from './dialog.ts';
import type { InviteOutcome, InviteRequest } from './invite.ts';
import { connect, pathsOf, setPaths } from './media-paths.ts';
import { blackHole, setDirection } from './sdp.ts';
import type { UserAgent } from './user-agent.ts';

type Failed = Exclude<InviteOutcome, { result: 'answer' }>;

export interface AgentSession {
  dialog: Dialog;
  /** The agent phone's own description (its offer A, then its latest answer). */
  phoneSdp: string;
}

/** Step 1: calls the agent's phone with no offer and parks the session (our answer a black hole). */
export async function parkAgent(ua: UserAgent, phone: Omit<InviteRequest, 'sdp' | 'answer'>): Promise<{ ok: true; session: AgentSession } | { ok: false; outcome: Failed }> {
  const outcome = await ua.invite({ ...phone, answer: blackHole });
  if (outcome.result !== 'answer') return { ok: false, outcome };
  if (outcome.sdp === undefined) {
    // A phone that answers a delayed offer with no offer cannot be bridged.
    await outcome.dialog.bye();
    return { ok: false, outcome: { result: 'failed', status: outcome.status, reason: 'the phone answered without an SDP offer' } };
  }
  return { ok: true, session: { dialog: outcome.dialog, phoneSdp: outcome.sdp } };
}

export interface Bridge {
  agent: AgentSession;
  customer: Dialog;
  /** The customer's own description (its answer K, or its latest). */
  customerSdp: string;
  readonly held: boolean;
  hold(): Promise<boolean>;
  unhold(): Promise<boolean>;
  /** BYE on both legs. */
  hangUp(): Promise<void>;
  /** BYE to the customer only; the agent's session is parked again (a black hole) and stays up. */
  releaseCustomer(): Promise<boolean>;
  /** The first leg that ends on its own (the peer's BYE, a lost session): once. */
  onLegEnded(listener: (leg: 'agent' | 'customer', reason: DialogEnd) => void): void;
}

/** Steps 2 and 3: calls the customer with the agent's offer and connects the two. */
export async function connectCustomer(ua: UserAgent, agent: AgentSession, customer: Omit<InviteRequest, 'sdp' | 'answer'>): Promise<{ ok: true; bridge: Bridge } | { ok: false; outcome: Failed }> {
  const outcome = await ua.invite({ ...customer, sdp: setDirection(agent.phoneSdp, 'sendrecv') });
  if (outcome.result !== 'answer') return { ok: false, outcome };
  const dialog = outcome.dialog;
  if (outcome.sdp === undefined) {
    await dialog.bye();
    return { ok: false, outcome: { result: 'failed', status: outcome.status, reason: 'the customer answered without SDP' } };
  }
  const bridge = bridgeOf(agent, dialog, outcome.sdp);
  if (!(await bridge.connect())) {
    await bridge.hangUp();
    return { ok: false, outcome: { result: 'failed', status: null, reason: 'the agent phone refused the customer media' } };
  }
  return { ok: true, bridge };
}

function bridgeOf(agent: AgentSession, customer: Dialog, customerSdp: string): Bridge & { connect(): Promise<boolean> } {
  const listeners: ((leg: 'agent' | 'customer', reason: DialogEnd) => void)[] = [];
  let reported = false;
  let releasing = false;
  let held = false;
  const report = (leg: 'agent' | 'customer') => (reason: DialogEnd) => {
    if (reported || reason === 'local-bye' || (releasing && leg === 'customer')) return;
    reported = true;
    for (const listener of listeners) listener(leg, reason);
  };
  agent.dialog.onEnd(report('agent'));
  customer.onEnd(report('customer'));

  const bridge: Bridge & { connect(): Promise<boolean> } = {
    agent, customer, customerSdp,
    // Just answered: the customer has the agent's media from its INVITE; the agent gets the customer's.
    connect: () => connect(bridge, setDirection(agent.phoneSdp, 'sendrecv')),
    get held() { return held; },
    async hold() {
      const ok = await setPaths(bridge, pathsOf({ held: true, muted: false }));
      held = ok;
      return ok;
    },
    async unhold() {
      const ok = await setPaths(bridge, pathsOf({ held: false, muted: false }));
      held = !ok;
      return ok;
    },
    async hangUp() {
      await Promise.all([customer.bye(), agent.dialog.bye()]);
    },
    async releaseCustomer() {
      releasing = true;
      await customer.bye();
      const parked = await agent.dialog.offer(blackHole(agent.phoneSdp));
      return parked.ok;
    },
    onLegEnded(listener) { listeners.push(listener); },
  };
  return bridge;
}
