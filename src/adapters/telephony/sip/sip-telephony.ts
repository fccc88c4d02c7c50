// The Telephony port on real SIP: Pacer as a third-party call controller (RFC 3725). Each logged-in
// agent has a standing session (its phone called once, kept up, parked between calls); each
// customer leg is an INVITE through the operation's trunk (the route the engine resolved) offering
// an agent phone's media; connecting, holding, muting and releasing are re-INVITEs of the two legs
// (./media-paths.ts). Media flows phone <-> carrier; Pacer never touches RTP.
//
// Calls placed for an agent (dial, aux_call, callbacks) offer that agent's media, so the bridge
// after the answer is one re-INVITE of the phone. Predictive calls have no agent yet: they offer an
// agent phone's formats of the operation as a black hole (./sdp.ts: the carrier learns the codecs
// and sends nothing anywhere), and the bridge re-INVITEs the chosen phone and, in the same round
// trip, the customer with that phone's media. A parked phone is offered its own formats as a black hole too.
//
// What the carrier says about a call reaches the engine in order: the events of one call are
// queued behind each other.
import type { AgentSessionRequest, CustomerRoute, OriginateRequest, Telephony, TelephonyEvent } from '../../../engine/ports/telephony.ts';
import type { Dialog, DialogEnd } from './dialog.ts';
import type { InviteOutcome } from './invite.ts';
import type { DialogJournal } from './journal.ts';
import { oneAtATurn } from './turns.ts';
import { connect, pathsOf, setPaths, type Legs } from './media-paths.ts';
import { blackHole, setDirection } from './sdp.ts';
import { parkAgent, type AgentSession } from './third-party-call.ts';
import type { UserAgent } from './user-agent.ts';

export interface SipTelephony extends Telephony {
  /**
   * This process now holds the SIP lead: every dialog another process wrote down is hung up; the
   * engine hears that their calls ended and that their agents' sessions must be opened again.
   */
  takeOver(): Promise<{ legs: number; sessions: number }>;
  /** BYE on every leg and session (shutting down). */
  stop(): Promise<void>;
  /** Live customer legs and standing sessions (tests, metrics). */
  counts(): { legs: number; sessions: number };
}

interface Session {
  operationId: string;
  agentId: string;
  /** Resolves once the phone answered (true) or did not. */
  opening: Promise<boolean>;
  phone?: AgentSession;
  /** The customer leg bridged to the phone now. */
  leg: Leg | null;
  closed: boolean;
}

interface Leg {
  callId: string;
  operationId: string;
  abort: AbortController;
  /** The customer's dialog once answered, and its description. */
  customer?: Dialog;
  customerSdp?: string;
  /** What the customer was last offered: an agent phone's media, and its direction. */
  offered: string;
  session: Session | null;
  /** A transfer to an outside number: the third party's dialog, bridged to the customer. */
  far?: Dialog;
  held: boolean;
  muted: boolean;
  ended: boolean;
  /** The events of this call, one after the other. */
  queue: Promise<unknown>;
}

const sessionKey = (operationId: string, agentId: string) => `${operationId}/${agentId}`;

/** What the agent is told when its phone's session ends by itself. */
const sessionEndReasons: Record<Exclude<DialogEnd, 'local-bye'>, string> = {
  'remote-bye': 'the phone hung up',
  'session-expired': 'the phone stopped refreshing its session',
  'no-ack': 'the phone did not acknowledge a change of its call',
  'peer-gone': 'the phone stopped answering',
};

function whyNotAnswered(outcome: Exclude<InviteOutcome, { result: 'answer' }>, ringTimeoutS: number): string {
  const status = outcome.status === null ? '' : ` (${outcome.status})`;
  if (outcome.result === 'busy') return `the phone is busy${status}`;
  if (outcome.result === 'no-answer') return `the phone did not answer within ${ringTimeoutS} s${status}`;
  return `the phone could not be called: ${outcome.reason}${status}`;
}

export interface SipTelephonyOptions {
  ua: UserAgent;
  journal: DialogJournal;
  onError: (error: unknown, context: string) => void;
}

export function sipTelephony({ ua, journal, onError }: SipTelephonyOptions): SipTelephony {
  const listeners: ((event: TelephonyEvent) => unknown)[] = [];
  const sessions = new Map<string, Session>();
  const legs = new Map<string, Leg>();
  let stopping = false;

  const emit = async (event: TelephonyEvent) => {
    for (const listener of listeners) await listener(event);
  };
  /** Queues an event of `leg`'s call behind the ones before it. */
  const tell = (leg: Leg, event: TelephonyEvent) => {
    leg.queue = leg.queue.then(() => emit(event)).catch((e: unknown) => onError(e, `telephony ${event.type}`));
    return leg.queue;
  };
  const background = (work: Promise<unknown>, context: string) => { work.catch((e: unknown) => onError(e, context)); };
  /** Customer legs start one per turn of the event loop (./turns.ts). */
  const placementTurn = oneAtATurn();

  /** Writes the dialog down while it lasts (./journal.ts). */
  const keep = (dialog: Dialog, operationId: string, owner: { callId: string } | { agentId: string }) => {
    background(journal.saved({
      id: dialog.id, operationId, callId: 'callId' in owner ? owner.callId : null, agentId: 'agentId' in owner ? owner.agentId : null,
      state: dialog.byeState(),
    }), 'journal');
    // Stopping, the row stays: the next process to hold the lead hears that these calls ended and
    // that these agents' sessions must be opened again (its BYE then meets a 481, harmless).
    dialog.onEnd(() => { if (!stopping) background(journal.ended(dialog.id), 'journal'); });
  };

  /** The session of a phone that answered and is still up. */
  const liveSession = async (operationId: string, agentId: string): Promise<Session | undefined> => {
    const session = sessions.get(sessionKey(operationId, agentId));
    if (!session || !(await session.opening) || session.closed) return undefined;
    return session.phone && session.phone.dialog.ended === null ? session : undefined;
  };

  /** Parks the phone again (a black hole) once its customer is gone; the session stays up. */
  const release = (leg: Leg) => {
    const session = leg.session;
    leg.session = null;
    if (!session || session.leg !== leg) return;
    session.leg = null;
    const phone = session.phone;
    if (phone && !session.closed && phone.dialog.ended === null) {
      background(phone.dialog.offer(blackHole(phone.phoneSdp)), `parking agent ${session.agentId}`);
    }
  };

  /** The leg is over: no more events of it, its dialogs ended, its agent parked. */
  const finish = (leg: Leg) => {
    if (leg.ended) return false;
    leg.ended = true;
    if (legs.get(leg.callId) === leg) legs.delete(leg.callId);
    leg.abort.abort();
    for (const dialog of [leg.customer, leg.far]) if (dialog && dialog.ended === null) background(dialog.bye(), `hanging up ${leg.callId}`);
    release(leg);
    return true;
  };

  const legsOf = (leg: Leg): Legs | undefined => {
    const phone = leg.session?.phone;
    if (!phone || !leg.customer || leg.customerSdp === undefined) return undefined;
    return { agent: phone, customer: leg.customer, customerSdp: leg.customerSdp };
  };
  /** Runs a change of the two legs, keeping the descriptions it learnt. */
  const change = async (leg: Leg, work: (legs: Legs) => Promise<boolean>, context: string) => {
    const both = legsOf(leg);
    if (!both) return;
    const ok = await work(both);
    leg.customerSdp = both.customerSdp;
    if (!ok) onError(new Error(`a leg refused the change (${context})`), `call ${leg.callId}`);
  };

  /** The customer (or the network) ended an answered leg. */
  const customerGone = (leg: Leg, reason: DialogEnd) => {
    if (reason === 'local-bye' || !finish(leg)) return;
    void tell(leg, { type: 'ended', callId: leg.callId, result: 'answer', by: reason === 'remote-bye' ? 'customer' : 'network' });
  };

  const placeLeg = (leg: Leg, route: CustomerRoute, onAnswer: (dialog: Dialog, sdp: string) => Promise<void>) => {
    let rang = false;
    background(ua.invite({
      target: route.requestUri, sdp: leg.offered, ringTimeoutMs: route.ringTimeoutS * 1000, signal: leg.abort.signal,
      ...(route.callerId ? { from: { user: route.callerId } } : {}),
      ...(route.credentials ? { credentials: { user: route.credentials.username, password: route.credentials.password } } : {}),
      onProgress: () => {
        if (rang || leg.ended) return;
        rang = true;
        void tell(leg, { type: 'ringing', callId: leg.callId });
      },
    }).then(async (outcome) => {
      if (outcome.result !== 'answer') {
        if (finish(leg)) await tell(leg, { type: 'ended', callId: leg.callId, result: outcome.result, by: 'network' });
        return;
      }
      if (leg.ended || outcome.sdp === undefined) {
        // Hung up by Pacer meanwhile, or an answer without media that cannot be bridged.
        await outcome.dialog.bye();
        if (finish(leg)) await tell(leg, { type: 'ended', callId: leg.callId, result: 'failed', by: 'network' });
        return;
      }
      await onAnswer(outcome.dialog, outcome.sdp);
    }), `call ${leg.callId}`);
  };

  /** BYE on the dialogs of a call another process held, as it wrote them down. */
  const hangUpSaved = async (callId: string) => {
    for (const d of await journal.ofCall(callId)) {
      await ua.byeSaved(d.state);
      await journal.ended(d.id);
    }
  };

  const newLeg = (callId: string, operationId: string, offered: string): Leg => ({
    callId, operationId, offered, abort: new AbortController(), session: null, held: false, muted: false, ended: false, queue: Promise.resolve(),
  });

  /** The media a customer leg offers: its agent's phone, else any phone's formats of the operation, as a black hole. */
  const offerFor = async (request: OriginateRequest): Promise<{ offered: string; session: Session | null } | undefined> => {
    if (request.agentId !== undefined) {
      const session = await liveSession(request.operationId, request.agentId);
      return session?.phone && { offered: setDirection(session.phone.phoneSdp, 'sendrecv'), session };
    }
    for (const session of sessions.values()) {
      if (session.operationId === request.operationId && session.phone && session.phone.dialog.ended === null) {
        return { offered: blackHole(session.phone.phoneSdp), session: null };
      }
    }
    return undefined;
  };

  const failAtOnce = (callId: string, operationId: string) => {
    const leg = newLeg(callId, operationId, '');
    leg.ended = true;
    void tell(leg, { type: 'ended', callId, result: 'failed', by: 'pacer' });
  };

  return {
    mode: 'sip',
    onEvent(listener) { listeners.push(listener); },

    originate(request) {
      background((async () => {
        await placementTurn();
        const media = request.route && await offerFor(request);
        if (!request.route || !media) {
          onError(new Error(request.route ? 'no agent phone session to offer the customer' : 'a customer leg without a trunk route'), `call ${request.callId}`);
          failAtOnce(request.callId, request.operationId);
          return;
        }
        const leg = newLeg(request.callId, request.operationId, media.offered);
        legs.set(leg.callId, leg);
        placeLeg(leg, request.route, async (dialog, sdp) => {
          leg.customer = dialog;
          leg.customerSdp = sdp;
          keep(dialog, leg.operationId, { callId: leg.callId });
          dialog.onEnd((reason) => customerGone(leg, reason));
          await tell(leg, { type: 'answered', callId: leg.callId, by: 'human' });
        });
      })(), `originate ${request.callId}`);
    },

    bridge(callId, agentId) {
      const leg = legs.get(callId);
      if (!leg) return;
      background((async () => {
        const session = await liveSession(leg.operationId, agentId);
        if (leg.ended) return;
        if (!session?.phone || !leg.customer || leg.customerSdp === undefined) {
          if (finish(leg)) await tell(leg, { type: 'ended', callId, result: 'failed', by: 'pacer' });
          return;
        }
        if (session.leg && session.leg !== leg) release(session.leg);
        session.leg = leg;
        leg.session = session;
        const both: Legs = { agent: session.phone, customer: leg.customer, customerSdp: leg.customerSdp };
        const ok = await connect(both, leg.offered);
        leg.customerSdp = both.customerSdp;
        leg.offered = setDirection(session.phone.phoneSdp, 'sendrecv');
        if (!ok && finish(leg)) await tell(leg, { type: 'ended', callId, result: 'answer', by: 'network' });
      })(), `bridging ${callId} to agent ${agentId}`);
    },

    setHold(callId, on) {
      const leg = legs.get(callId);
      if (!leg) return;
      leg.held = on;
      background(change(leg, (both) => setPaths(both, pathsOf(leg)), on ? 'hold' : 'unhold'), `hold ${callId}`);
    },

    setMute(callId, on) {
      const leg = legs.get(callId);
      if (!leg) return;
      leg.muted = on;
      background(change(leg, (both) => setPaths(both, pathsOf(leg)), on ? 'mute' : 'unmute'), `mute ${callId}`);
    },

    sendDtmf(callId, tones) {
      const customer = legs.get(callId)?.customer;
      if (customer) background(customer.sendDtmf(tones), `dtmf ${callId}`);
    },

    hangup(callId) {
      const leg = legs.get(callId);
      if (leg) finish(leg);
      // A call this process does not hold: a dead process's, written down (restart recovery).
      else background(hangUpSaved(callId), `hanging up ${callId}`);
    },

    transfer(callId, newCallId, _to, agentId, route) {
      const leg = legs.get(callId);
      if (!leg || !leg.customer || leg.customerSdp === undefined) return;
      // The customer's leg goes on under the new id; the agent's phone is parked again.
      release(leg);
      legs.delete(callId);
      leg.callId = newCallId;
      background(journal.renamed(leg.customer.id, newCallId), 'journal');
      leg.held = false;
      leg.muted = false;
      legs.set(newCallId, leg);
      if (agentId !== undefined) return; // the engine bridges it to that agent next
      if (!route) {
        onError(new Error('a transfer to an outside number without a trunk route'), `transfer ${callId}`);
        if (finish(leg)) void tell(leg, { type: 'ended', callId: newCallId, result: 'failed', by: 'pacer' });
        return;
      }
      const customer = leg.customer;
      // The third party is offered the customer's media; once it answers, the customer gets its.
      leg.abort = new AbortController();
      leg.offered = setDirection(leg.customerSdp, 'sendrecv');
      placeLeg(leg, route, async (dialog, sdp) => {
        leg.far = dialog;
        keep(dialog, leg.operationId, { callId: leg.callId });
        const answered = await customer.offer(setDirection(sdp, 'sendrecv'));
        if (answered.ok && answered.sdp !== undefined) leg.customerSdp = answered.sdp;
        dialog.onEnd((reason) => customerGone(leg, reason));
        await tell(leg, { type: 'answered', callId: leg.callId, by: 'human' });
      });
    },

    openAgentSession(request: AgentSessionRequest) {
      const key = sessionKey(request.operationId, request.agentId);
      const existing = sessions.get(key);
      // Already opening, or up (a phone that hung up was removed when it did).
      if (existing && !existing.closed) return;
      const session: Session = {
        operationId: request.operationId, agentId: request.agentId, leg: null, closed: false, opening: Promise.resolve(false),
      };
      const failed = (reason: string) => {
        if (sessions.get(key) === session) sessions.delete(key);
        void emit({ type: 'agent-session-ended', operationId: request.operationId, agentId: request.agentId, reason });
        return false;
      };
      session.opening = parkAgent(ua, { target: request.contact, ringTimeoutMs: request.ringTimeoutS * 1000 }).then((parked) => {
        if (!parked.ok) return session.closed ? false : failed(whyNotAnswered(parked.outcome, request.ringTimeoutS));
        session.phone = parked.session;
        const dialog = parked.session.dialog;
        if (session.closed) {
          background(dialog.bye(), `closing agent ${request.agentId}`);
          return false;
        }
        keep(dialog, request.operationId, { agentId: request.agentId });
        dialog.onEnd((reason) => {
          if (reason === 'local-bye' || session.closed) return;
          session.closed = true;
          if (sessions.get(key) === session) sessions.delete(key);
          const lost = { type: 'agent-session-ended' as const, operationId: request.operationId, agentId: request.agentId, reason: sessionEndReasons[reason] };
          // The agent's customer cannot stay on a call with nobody: it ends first, then the agent hears why.
          const leg = session.leg;
          if (leg && finish(leg)) void tell(leg, { type: 'ended', callId: leg.callId, result: 'answer', by: 'agent' }).then(() => emit(lost));
          else background(emit(lost), `agent ${request.agentId} session`);
        });
        return true;
      }, (error: unknown) => {
        onError(error, `calling agent ${request.agentId}'s phone`);
        return failed('the phone could not be called');
      });
      sessions.set(key, session);
    },

    closeAgentSession(operationId, agentId) {
      const key = sessionKey(operationId, agentId);
      const session = sessions.get(key);
      if (!session) return;
      sessions.delete(key);
      session.closed = true;
      if (session.leg) finish(session.leg);
      const dialog = session.phone?.dialog;
      if (dialog && dialog.ended === null) background(dialog.bye(), `closing agent ${agentId}`);
    },

    counts: () => ({ legs: legs.size, sessions: sessions.size }),

    async takeOver() {
      const orphans = await journal.ofOthers();
      await Promise.all(orphans.map(async (d) => {
        await ua.byeSaved(d.state);
        await journal.ended(d.id);
      }));
      const calls = new Set(orphans.flatMap((d) => (d.callId === null ? [] : [d.callId])));
      for (const callId of calls) await emit({ type: 'ended', callId, result: 'unknown', by: 'pacer' });
      const agents = orphans.filter((d) => d.agentId !== null);
      for (const d of agents) await emit({ type: 'agent-session-dropped', operationId: d.operationId, agentId: d.agentId ?? '' });
      return { legs: calls.size, sessions: agents.length };
    },

    async stop() {
      stopping = true;
      for (const leg of [...legs.values()]) finish(leg);
      for (const session of sessions.values()) session.closed = true;
      sessions.clear();
      await ua.hangUpAll();
    },
  };
}
