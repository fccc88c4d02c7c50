// The engine: use cases wired to their ports, in one place. Each use case of the faces is bound
// here to how it is admitted (the gate's quota, what it locks first) and run in a transaction.
import { instantOfRequestTime, type RequestTime } from '../domain/request-time.ts';
import { fail } from '../domain/errors.ts';
import { adminActor, ask, contextOf, counted, createRun, type Access, type Admission, type Caller, type Work } from './access.ts';
import { actingOn, admin, adminPrincipal, authorize, confinedTo, member, supervisor, type Need } from '../domain/permission.ts';
import type { Tx } from './ports/store.ts';
import type { CommittedEvents } from './ports/events.ts';
import type { Engine } from './api.ts';
import { createCallLifecycle } from './call-lifecycle.ts';
import type { EngineDeps, RequestContext } from './deps.ts';
import { createGate } from './gate.ts';
import { createEventHub } from './events/event-hub.ts';
import { createStreamAdmission } from './events/stream-admission.ts';
import { createAdminAuth, createNativeAuth } from './native-auth.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks/dispatcher.ts';
import { changeStatus } from './agentbox/change-status.ts';
import { createDial } from './agentbox/dial.ts';
import { createHold, createMute } from './agentbox/hold.ts';
import { createHang, createHangTypeReady, typeDisposition } from './agentbox/hang.ts';
import { createAuxCall, createTransfer } from './agentbox/transfer.ts';
import { scheduleAgentRecall } from './agentbox/recall.ts';
import { deleteAgentRecall, editAgentRecall } from './agentbox/recall-change.ts';
import { agentDisplay } from './agentbox/display.ts';
import { createDtmf } from './agentbox/dtmf.ts';
import { createPreviewDial, skipPreview, takePreview } from './agentbox/preview.ts';
import { createCallbackScheduler, type CallbackScheduler } from './callbacks/scheduler.ts';
import { createPacingBus } from './dialer/pacing-bus.ts';
import { createDialerRunner, type DialerOptions, type DialerRunner } from './dialer/runner.ts';
import { createRecovery, type Recovery } from './recovery.ts';
import { createHousekeeping } from './housekeeping.ts';
import type { Periodic } from './periodic.ts';
import { addRecords } from './campaign/add-records.ts';
import { changeCampaign } from './campaign/change.ts';
import { clearCampaign } from './campaign/clear.ts';
import { codifyRecord } from './campaign/codify.ts';
import { createCampaign } from './campaign/create.ts';
import { editCampaign } from './campaign/edit.ts';
import { exportCampaign } from './campaign/export.ts';
import { deleteCampaign, deleteCampaigns } from './campaign/delete.ts';
import { campaignDetail } from './campaign/detail.ts';
import { findRecords } from './campaign/find-record.ts';
import { recallRecord } from './campaign/recall.ts';
import { recallRecords } from './campaign/recall-records.ts';
import { removeRecords } from './campaign/remove-record.ts';
import { startCampaign, stopCampaign } from './campaign/run-state.ts';
import { setSpeed } from './campaign/speed.ts';
import { campaignStats, type CampaignStats } from './campaign/stats.ts';
import { sharedRuns } from './coalesce.ts';
import { campaignSeries, type CampaignSeries } from './campaign/series.ts';
import { createReportUseCases } from './reports/use-cases.ts';
import { putAgent, removeAgent } from './native/agents.ts';
import { createCallbackCommands } from './native/callbacks.ts';
import {
  addDnc, createActivityCode, editActivityCode, putActivityCode, putAuxState, removeActivityCode, removeActivityCodes, removeAuxState, removeDnc, removeDncNumbers, setOutboundPolicy,
} from './native/configuration.ts';
import { changeOperation, createOperation } from './native/operations.ts';
import { addAgentSkill, createSkill, editSkill, putSkill, removeAgentSkill, setAgentSkills } from './native/skills.ts';
import { createToken, revokeToken } from './native/tokens.ts';
import { createWebhook, deleteWebhook } from './native/webhooks.ts';
import { changeTrunk, createTrunk, deleteTrunk } from './native/trunks.ts';
import { removeAgentPhone, setAgentPhone } from './native/agent-phones.ts';
import { changeUser, checkPassword, createUser, removeUser } from './native/users.ts';
import { hashPassword } from './passwords.ts';
import { createSessions, defaultSessionSettings } from './sessions.ts';
import { unlessRefused } from './outbound/refusal.ts';
import { createAgentSessions } from './telephony/agent-sessions.ts';
import { audited } from './audit.ts';
import { blockRecords } from './campaign/block-dnc.ts';
import { agentPassword, createAgent, editAgent, setAgentEnabled } from './native/agent-admin.ts';
import { createAllowList, createInformation } from './information.ts';

/** The engine as the composition root holds it: the faces' `Engine`, and its background work. */
export interface RunningEngine extends Engine {
  /** Recovery first (so the dialer never counts a dead process's calls), then the timers. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The store committed events in this process (whose, if known): streams, the dialer and webhooks look soon. */
  committed(committed?: CommittedEvents): void;
  /** Background work, reached by the composition root and by tests that drive it. */
  background: { dialer: DialerRunner; callbacks: CallbackScheduler; recovery: Recovery; webhooks: WebhookDispatcher; housekeeping: Periodic };
}

/** agentbox calls lock their agent first, and do not count against the daily quota. */
const lockAgent = (agentId: string, call = false, auxStateId?: number): Admission => ({ quota: false, scope: { agentId, call, auxStateId } });

/**
 * The agent filter of a list an agent reads: its own, whatever it asked (asking for another
 * agent's is refused); other roles' filters stand.
 */
function ownOnly(caller: Caller, asked: string | undefined): { agentId?: string } {
  const self = confinedTo(caller.principal);
  if (self === undefined) return asked === undefined ? {} : { agentId: asked };
  if (asked !== undefined) authorize(caller.principal, actingOn(asked));
  return { agentId: self };
}

/** A call or callback an agent may see: its own; another agent's is not found. */
function ownedBy<T extends { agentId: string | null }>(caller: Caller, found: T | undefined): T | undefined {
  const self = confinedTo(caller.principal);
  return self === undefined || found?.agentId === self ? found : undefined;
}

/** An agent changes its own callbacks only (a missing one is the use case's 404). */
async function ownCallback(tx: Tx, ctx: RequestContext, callbackId: string): Promise<void> {
  const self = confinedTo(ctx.principal);
  if (self === undefined) return;
  const cb = await tx.callbacks.get(ctx.operationId, callbackId);
  if (cb && cb.agentId !== self) authorize(ctx.principal, actingOn(cb.agentId ?? '(a campaign recall)'));
}
const recordKeyOf = (r: { operationId: string; campaignId: string; customerId: string }) => ({ operationId: r.operationId, campaignId: r.campaignId, customerId: r.customerId });
/** agentbox calls that lock no agent first. */
const agentboxPlain: Admission = { quota: false };
/** The name of the parameter that carried a request time (a refusal names it). */
const paramOf = (time: RequestTime, otherwise: string) => (typeof time === 'number' ? otherwise : time.param);
/** The native face's own resources: the gate does not apply to a caller. */
const plain: Admission = { quota: false };

export function createEngine(deps: EngineDeps, dialerOptions: DialerOptions = {}): RunningEngine {
  const pacing = createPacingBus();
  const agentSessions = createAgentSessions(deps);
  const calls = createCallLifecycle(deps, agentSessions, pacing);
  deps.telephony.onEvent((event) => (event.type === 'agent-session-ended' ? agentSessions.lost(event.operationId, event.agentId, event.reason)
    : event.type === 'agent-session-dropped' ? agentSessions.dropped(event.operationId, event.agentId)
    : calls.handle(event)).catch((e: unknown) => deps.onError(e, `telephony ${event.type}`)));
  const callbacks = createCallbackScheduler(deps, calls);
  // Waiting agent callbacks are offered before the dialer paces, so a freed agent gets its callback first.
  const dialer = createDialerRunner(deps, calls, pacing, { beforeTick: () => callbacks.dispatchWaiting(), ...dialerOptions });
  // Other processes' outcomes reach the strategies of the campaigns this one paces; their commits
  // (an agent made ready there) wake its dialer; after a gap in what it heard, it relearns.
  deps.pacingChannel?.listen((m) => (m.kind === 'wake' ? dialer.nudge() : pacing.deliver(m.operationId, m.campaignId, m.callId, m.event)));
  deps.pacingChannel?.onGap(() => dialer.relearn());
  const recovery = createRecovery(deps, calls);
  const webhooks = createWebhookDispatcher(deps, deps.webhookSender);
  const housekeeping = createHousekeeping(deps);
  const events = createEventHub(deps);
  const sessions = createSessions(deps, { ...defaultSessionSettings, idleMs: deps.settings.sessionIdleMs });
  const streams = createStreamAdmission(deps, events, (hashes) => sessions.live(hashes));
  /** A user's sessions ended (changed or deleted): its streams in this process end now. */
  const sessionsEnded = (userId: string) => () => streams.revoked(`user:${userId}`);
  const nativeAuth = createNativeAuth(deps);
  const adminAuth = createAdminAuth(deps);
  const run = createRun(deps, createGate(deps));
  const sharedStats = sharedRuns<CampaignStats>();
  const sharedSeries = sharedRuns<CampaignSeries>();
  /** Runs `work` for `access` and, once it committed, `then` (a wake-up of background work). */
  const runThen = async <T>(access: Access, admission: Admission, need: Need, work: Work<T>, then: () => void): Promise<T> =>
    run(access, admission, need, async (tx, ctx) => {
      const result = await work(tx, ctx);
      tx.afterCommit(then);
      return result;
    });
  const read = <T>(work: Work<T>) => (ctx: RequestContext) => deps.store.transaction((tx) => work(tx, ctx));
  const now = () => deps.clock.now();
  const operationOf = async (caller: { operationId: string }) => {
    const op = await deps.store.transaction((tx) => tx.operations.get(caller.operationId));
    if (!op) throw fail.operationNotFound(caller.operationId);
    return op;
  };

  const dial = createDial(calls);
  const hold = createHold(deps.telephony);
  const mute = createMute(deps.telephony);
  const hang = createHang(calls, deps.telephony);
  const hangTypeReady = createHangTypeReady(calls, deps.telephony);
  const transfer = createTransfer(deps, calls);
  const auxCall = createAuxCall(calls);
  const dtmf = createDtmf(deps.telephony);
  const previewDial = createPreviewDial(calls);
  const callbackCommands = createCallbackCommands((cb) => (cb.agentId === null ? dialer.wake() : callbacks.poke()));

  return {
    authenticate: nativeAuth,
    // Each use case states what its caller must be allowed (domain/permission.ts): an agent acts on
    // itself, a supervisor runs the floor, an admin holds the keys (tokens, webhooks, the policy).
    agentbox: {
      changeStatus: (access, agentId, status) =>
        run(access, lockAgent(agentId, false, status.state === 'aux' ? status.auxId : undefined), actingOn(agentId), (tx, ctx) => changeStatus(tx, ctx, agentSessions, agentId, status)),
      dial: (access, request) => unlessRefused(run(access, lockAgent(request.agentId), actingOn(request.agentId), (tx, ctx) => dial(tx, ctx, request))),
      hold: (access, agentId) => run(access, lockAgent(agentId, true), actingOn(agentId), (tx, ctx) => hold(tx, ctx, agentId)),
      mute: (access, agentId) => run(access, lockAgent(agentId, true), actingOn(agentId), (tx, ctx) => mute(tx, ctx, agentId)),
      hang: (access, agentId) => run(access, lockAgent(agentId, true), actingOn(agentId), (tx, ctx) => hang(tx, ctx, agentId)),
      type: (access, agentId, d) => run(access, lockAgent(agentId, true), actingOn(agentId), (tx, ctx) => typeDisposition(tx, ctx, agentId, d)),
      hangTypeReady: (access, agentId, d) => run(access, lockAgent(agentId, true), actingOn(agentId), (tx, ctx) => hangTypeReady(tx, ctx, agentId, d)),
      transfer: (access, agentId, target) => unlessRefused(run(access, lockAgent(agentId, true), actingOn(agentId), (tx, ctx) => transfer(tx, ctx, agentId, target))),
      auxCall: (access, agentId, phone) => unlessRefused(run(access, lockAgent(agentId), actingOn(agentId), (tx, ctx) => auxCall(tx, ctx, agentId, phone))),
      recall: (access, r) => runThen(access, lockAgent(r.agentId, true), actingOn(r.agentId), (tx, ctx) =>
        scheduleAgentRecall(tx, ctx, { ...r, dueAt: instantOfRequestTime(r.dueAt, ctx.timeZone), dueParam: paramOf(r.dueAt, 'date') }), () => callbacks.poke()),
      // The record's callbacks are locked before the agent (the scheduler's order): no agent scope.
      editRecall: (access, r) => runThen(access, agentboxPlain, actingOn(r.agentId), (tx, ctx) =>
        editAgentRecall(tx, ctx, { ...r, dueAt: instantOfRequestTime(r.dueAt, ctx.timeZone), dueParam: paramOf(r.dueAt, 'recall') }), () => callbacks.poke()),
      deleteRecall: (access, r) => runThen(access, agentboxPlain, actingOn(r.agentId), async (tx, ctx) =>
        ({ cancelled: await deleteAgentRecall(tx, ctx, r) }), () => callbacks.poke()),
      dtmf: (access, agentId, tones) => run(access, lockAgent(agentId, true), actingOn(agentId), (tx, ctx) => dtmf(tx, ctx, agentId, tones)),
      preview: (access, agentId) => run(access, lockAgent(agentId), actingOn(agentId), (tx, ctx) => takePreview(tx, ctx, agentId)),
      previewDial: (access, agentId, which) => unlessRefused(run(access, lockAgent(agentId), actingOn(agentId), (tx, ctx) => previewDial(tx, ctx, agentId, which))),
      previewSkip: (access, agentId, which) => run(access, lockAgent(agentId), actingOn(agentId), (tx, ctx) => skipPreview(tx, ctx, agentId, which)),
      // Which buttons an agent's desktop shows is the floor's decision, not the agent's.
      display: (access, agentId, button, show) => run(access, lockAgent(agentId), supervisor, (tx, ctx) => agentDisplay(tx, ctx, agentId, button, show)),
    },
    campaign: {
      create: (access, request) => run(access, counted, supervisor, audited('campaign.create', (r) => `campaign ${r.campaignId} (${request.name})`, (tx, ctx) => createCampaign(tx, ctx, request))),
      addRecords: (access, id, rows, type) => run(access, counted, supervisor, (tx, ctx) => addRecords(tx, ctx, id, rows, type)),
      // The dialer idles at a slower beat with nothing started: pace this campaign now.
      start: (access, id, type) => runThen(access, counted, supervisor, (tx, ctx) => startCampaign(tx, ctx, id, type), () => dialer.wake()),
      stop: (access, id, type) => run(access, counted, supervisor, (tx, ctx) => stopCampaign(tx, ctx, id, type)),
      speed: (access, id, speed, type) => run(access, counted, supervisor, (tx, ctx) => setSpeed(tx, ctx, id, speed, type)),
      edit: (access, id, edit) => run(access, counted, supervisor, audited('campaign.edit', `campaign ${id}`, (tx, ctx) => editCampaign(tx, ctx, id, edit))),
      change: (access, id, change) => run(access, counted, supervisor, audited('campaign.change', `campaign ${id}`, async (tx, ctx) => {
        if (await changeCampaign(tx, ctx, id, change)) tx.afterCommit(() => dialer.wake());
      })),
      recall: (access, r) => run(access, counted, supervisor, (tx, ctx) =>
        recallRecord(tx, ctx, { ...r, dueAt: instantOfRequestTime(r.dueAt, ctx.timeZone) })),
      codify: (access, request) => run(access, counted, supervisor, (tx, ctx) => codifyRecord(tx, ctx, request)),
      // Records made new again may be dialled at once.
      recallRecords: (access, id, match, type) => runThen(access, counted, supervisor, (tx, ctx) => recallRecords(tx, ctx, id, match, type), () => dialer.wake()),
      removeRecord: (access, id, customerId, type) => run(access, counted, supervisor, (tx, ctx) => removeRecords(tx, ctx, id, [customerId], type)),
      removeRecords: (access, id, customerIds, type) => run(access, counted, supervisor, (tx, ctx) => removeRecords(tx, ctx, id, customerIds, type)),
      clear: (access, id, result, type) => run(access, counted, supervisor, audited('campaign.clear', (r) => `campaign ${id}: ${r.deleted} records`, (tx, ctx) => clearCampaign(tx, ctx, id, result, type))),
      blockRecords: (access, id, customerIds) => run(access, counted, supervisor, audited('campaign.block_records', (r) => `campaign ${id}: ${r.blocked} records`, (tx, ctx) => blockRecords(tx, ctx, id, customerIds))),
      findRecords: (access, search) => run(access, counted, supervisor, async (tx, ctx) => {
        const records = await findRecords(tx, ctx, search);
        return { records, lastCalls: await tx.records.lastCalls(records.map((r) => recordKeyOf(r))), timeZone: ctx.timeZone };
      }),
      detail: (access, id, from, to, codified, type) => run(access, counted, supervisor, async (tx, ctx) => {
        const records = await campaignDetail(tx, ctx, id, instantOfRequestTime(from, ctx.timeZone), instantOfRequestTime(to, ctx.timeZone), codified, type);
        return { records, timeZone: ctx.timeZone };
      }),
      export: (access, id) => run(access, counted, supervisor, async (tx, ctx) => ({ records: await exportCampaign(tx, ctx, id), timeZone: ctx.timeZone })),
      delete: (access, id, type) => run(access, counted, supervisor, audited('campaign.delete', `campaign ${id}`, (tx, ctx) => deleteCampaign(tx, ctx, id, type))),
      deleteMany: (access, ids, type) => run(access, counted, supervisor, audited('campaign.delete', (r) => `campaigns ${r.deleted.join(',')}`, (tx, ctx) => deleteCampaigns(tx, ctx, ids, type))),
    },
    ...createReportUseCases(run, counted),
    agents: {
      put: (access, id, name) => run(access, plain, supervisor, audited('agent.put', `agent ${id}`, (tx, ctx) => putAgent(tx, ctx, id, name))),
      remove: (access, id) => run(access, plain, supervisor, audited('agent.delete', `agent ${id}`, (tx, ctx) => removeAgent(tx, ctx, id))),
      // An agent that gains or loses a skill may now take another campaign's calls: pace again.
      setSkills: (access, id, skills) => runThen(access, plain, supervisor, audited('agent.skills', `agent ${id}`, (tx, ctx) => setAgentSkills(tx, ctx, id, skills)), () => dialer.nudge()),
      create: async (access, profile, password) => {
        // The hash is slow on purpose: made before the transaction, for a supervisor only.
        if (access.kind === 'caller') authorize(access.caller.principal, supervisor);
        const pass = password ?? agentPassword(deps.random.sessionSecret());
        const hash = await hashPassword(pass, deps.random.salt());
        const { agentId } = await run(access, counted, supervisor, audited<{ agentId: string }>('agent.create', (r) => `agent ${r.agentId}`, (tx, ctx) => createAgent(tx, ctx, profile, hash)));
        return { agentId, password: pass };
      },
      edit: async (access, id, change, password) => {
        if (access.kind === 'caller') authorize(access.caller.principal, supervisor);
        const hash = password === undefined ? null : await hashPassword(password, deps.random.salt());
        await run(access, counted, supervisor, audited('agent.edit', `agent ${id}`, (tx, ctx) => editAgent(tx, ctx, id, change, hash)));
      },
      setEnabled: (access, id, enabled) => run(access, counted, supervisor, audited(enabled ? 'agent.enable' : 'agent.disable', `agent ${id}`, (tx, ctx) => setAgentEnabled(tx, ctx, id, enabled))),
      addSkill: (access, id, skillId, expertise) => runThen(access, counted, supervisor, audited('agent.skill_add', `agent ${id} skill ${skillId}`, (tx, ctx) => addAgentSkill(tx, ctx, id, skillId, expertise)), () => dialer.nudge()),
      removeSkill: (access, id, skillId) => runThen(access, counted, supervisor, audited('agent.skill_remove', `agent ${id} skill ${skillId}`, (tx, ctx) => removeAgentSkill(tx, ctx, id, skillId)), () => dialer.nudge()),
      get: (caller, id) => deps.reads.agent(ask(caller, actingOn(id)), id),
      list: async (caller, filter) => {
        const self = confinedTo(caller.principal);
        if (self === undefined) return deps.reads.agents({ ...filter, operationId: ask(caller, supervisor) });
        // An agent sees itself only.
        const agent = await deps.reads.agent(caller.operationId, self);
        const shown = agent && (filter.state === undefined || agent.state === filter.state) && (filter.cursor === undefined || agent.id > filter.cursor);
        return { items: shown ? [agent] : [], nextCursor: null };
      },
      setPhone: (access, id, request) => run(access, plain, supervisor, audited('agent.phone', `agent ${id}`, (tx, ctx) => setAgentPhone(tx, ctx, id, request, deps.settings.sipAllowPrivate))),
      phone: async (caller, id) => {
        const operationId = ask(caller, actingOn(id));
        const phone = await deps.reads.agentPhone(operationId, id, deps.clock.now());
        if (phone) return phone;
        throw (await deps.reads.agent(operationId, id)) ? fail.agentPhoneNotFound(id) : fail.agentNotFound(id);
      },
      removePhone: (access, id) => run(access, plain, supervisor, audited('agent.phone_delete', `agent ${id}`, (tx, ctx) => removeAgentPhone(tx, ctx, id))),
    },
    // Where the operation's calls go and the carrier's credentials: keys, the admin's.
    trunks: {
      create: (access, request) => run(access, plain, admin, audited('trunk.create', (r) => `trunk ${r.id}`, (tx, ctx) => createTrunk(tx, ctx, request, deps.settings.sipAllowPrivate))),
      change: (access, id, change) => run(access, plain, admin, audited('trunk.change', `trunk ${id}`, (tx, ctx) => changeTrunk(tx, ctx, id, change, deps.settings.sipAllowPrivate))),
      remove: (access, id) => run(access, plain, admin, audited('trunk.delete', `trunk ${id}`, (tx, ctx) => deleteTrunk(tx, ctx, id))),
      get: (caller, id) => deps.reads.trunk(ask(caller, admin), id),
      list: (caller) => deps.reads.trunks(ask(caller, admin)),
    },
    skills: {
      put: (access, id, name, description) => run(access, counted, supervisor, audited('skill.put', `skill ${id}`, (tx, ctx) => putSkill(tx, ctx, id, name, description))),
      create: (access, name, description) => run(access, counted, supervisor, audited('skill.create', (r) => `skill ${r.skillId} (${name})`, (tx, ctx) => createSkill(tx, ctx, name, description))),
      edit: (access, id, change) => run(access, counted, supervisor, audited('skill.edit', `skill ${id}`, (tx, ctx) => editSkill(tx, ctx, id, change))),
      list: (caller) => deps.reads.skills(ask(caller, member)),
    },
    callbacks: {
      create: (access, request) => run(access, plain, 'agentId' in request ? actingOn(request.agentId) : supervisor,
        (tx, ctx) => callbackCommands.create(tx, ctx, request)),
      reschedule: (access, id, dueAt) => run(access, plain, member, async (tx, ctx) => {
        await ownCallback(tx, ctx, id);
        return callbackCommands.reschedule(tx, ctx, id, dueAt);
      }),
      cancel: (access, id) => run(access, plain, member, async (tx, ctx) => {
        await ownCallback(tx, ctx, id);
        return callbackCommands.cancel(tx, ctx, id);
      }),
      get: async (caller, id) => ownedBy(caller, await deps.reads.callback(ask(caller, member), id)),
      list: (caller, filter) => deps.reads.callbacks({ ...filter, ...ownOnly(caller, filter.agentId), operationId: caller.operationId }),
    },
    calls: {
      get: async (caller, id) => ownedBy(caller, await deps.reads.call(ask(caller, member), id)),
      list: (caller, filter) => deps.reads.calls({ ...filter, ...ownOnly(caller, filter.agentId), operationId: caller.operationId }),
      // The customer record of a call: whoever may read the call may read its record (an agent,
      // the records of its own calls only; another agent's call is not found).
      record: async (caller, id) => {
        const call = ownedBy(caller, await deps.reads.call(ask(caller, member), id));
        if (!call) throw fail.callNotFound(`Call ${id} does not exist`);
        if (call.campaignId === null || call.customerId === null) throw fail.noRecordFound(`Call ${id} was not placed for a campaign record`);
        const page = await deps.reads.records({ operationId: caller.operationId, campaignId: call.campaignId, customerId: call.customerId, limit: 1 });
        const record = page.items[0];
        if (!record) throw fail.recordNotFound(call.campaignId, call.customerId);
        return record;
      },
    },
    campaigns: {
      get: (caller, id) => deps.reads.campaign(ask(caller, member), id),
      list: (caller, filter) => deps.reads.campaigns({ ...filter, operationId: ask(caller, member) }),
      // Read by every console every few seconds: a read transaction, no lock, no slot of the token,
      // and callers asking about a campaign meanwhile share one read (begun after they asked).
      stats: (caller, id) => {
        ask(caller, supervisor);
        return sharedStats(`${caller.operationId}/${id}`, () =>
          read((tx, ctx) => campaignStats(tx, ctx, deps, id, () => dialer.decision(ctx.operationId, id)))(contextOf(caller, now())));
      },
      // Read by a console's chart panel every minute or so: as stats.
      series: (caller, id, bucketMinutes) => {
        ask(caller, supervisor);
        return sharedSeries(`${caller.operationId}/${id}/${bucketMinutes}`, () =>
          read((tx, ctx) => campaignSeries(tx, ctx, id, bucketMinutes))(contextOf(caller, now())));
      },
    },
    records: {
      list: (caller, filter) => deps.reads.records({ ...filter, operationId: ask(caller, supervisor) }),
    },
    configuration: {
      putAuxState: (access, id, name) => run(access, plain, supervisor, audited('aux_state.put', `aux state ${id}`, (tx, ctx) => putAuxState(tx, ctx, id, name))),
      removeAuxState: (access, id) => run(access, plain, supervisor, audited('aux_state.delete', `aux state ${id}`, (tx, ctx) => removeAuxState(tx, ctx, id))),
      removeActivityCode: (access, group, code) => run(access, counted, supervisor, audited('activity_code.delete', `cod_act${group} ${code}`, (tx, ctx) => removeActivityCode(tx, ctx, group, code))),
      auxStates: (caller) => deps.reads.auxStates(ask(caller, member)),
      putActivityCode: (access, group, code, name, flags) => run(access, counted, supervisor, audited('activity_code.put', `cod_act${group} ${code}`, (tx, ctx) => putActivityCode(tx, ctx, group, code, name, flags))),
      activityCodes: (caller) => deps.reads.activityCodes(ask(caller, member)),
      createActivityCode: (access, group, code, name, flags) => run(access, counted, supervisor, audited('activity_code.create', `cod_act${group} ${code}`, (tx, ctx) => createActivityCode(tx, ctx, group, code, name, flags))),
      editActivityCode: (access, group, code, change) => run(access, counted, supervisor, audited('activity_code.edit', `cod_act${group} ${code}`, (tx, ctx) => editActivityCode(tx, ctx, group, code, change))),
      removeActivityCodes: (access, group, codes) => run(access, counted, supervisor, audited('activity_code.delete', `cod_act${group} ${[...new Set(codes)].join(',')}`, (tx, ctx) => removeActivityCodes(tx, ctx, group, codes))),
      addDnc: (access, phones, reason, days) => run(access, counted, supervisor, audited('dnc.add', `${new Set(phones).size} numbers`, (tx, ctx) => addDnc(tx, ctx, phones, reason, days))),
      removeDnc: (access, phone) => run(access, plain, supervisor, audited('dnc.delete', phone, (tx, ctx) => removeDnc(tx, ctx, phone))),
      removeDncNumbers: (access, phones) => run(access, counted, supervisor, audited('dnc.delete', (n) => `${n} numbers`, (tx, ctx) => removeDncNumbers(tx, ctx, phones))),
      outboundPolicy: async (caller) => (await operationOf({ operationId: ask(caller, supervisor) })).outboundPolicy,
      // Which numbers may be called is where toll fraud is stopped: the admin's.
      setOutboundPolicy: (access, policy) => run(access, plain, admin, audited('outbound_policy.set', 'outbound policy', (tx, ctx) => setOutboundPolicy(tx, ctx, policy))),
      dnc: (caller, cursor, limit) => {
        ask(caller, supervisor);
        return read((tx, ctx) => tx.dnc.list(ctx.operationId, cursor, limit, ctx.now))(contextOf(caller, now()));
      },
    },
    information: createInformation(run, deps),
    allowList: createAllowList(run),
    operation: { get: (caller) => operationOf({ operationId: ask(caller, member) }) },
    tokens: {
      create: (access, description, principal) => run(access, plain, admin, audited('token.create', (r) => `token ${r.id} (${description})`, (tx, ctx) => createToken(tx, ctx, deps.random.tokenValue(), description, principal))),
      // Its streams in this process end at once; others' within their recheck.
      revoke: (access, id) => runThen(access, plain, admin, audited('token.revoke', `token ${id}`, (tx, ctx) => revokeToken(tx, ctx, id)), () => streams.revoked(id)),
      list: (caller, cursor, limit) => deps.reads.tokens(ask(caller, admin), cursor, limit),
    },
    webhooks: {
      create: (access, url, types) => runThen(access, plain, admin, audited('webhook.create', (w) => `webhook ${w.id} (${url})`,
        (tx, ctx) => createWebhook(tx, ctx, url, types, deps.random.webhookSecret(), deps.settings.webhookAllowPrivate)), () => webhooks.changed()),
      remove: (access, id) => runThen(access, plain, admin, audited('webhook.delete', `webhook ${id}`, (tx, ctx) => deleteWebhook(tx, ctx, id)), () => webhooks.changed()),
      list: (caller) => deps.reads.webhooks(ask(caller, admin)),
      deliveries: (caller, id, cursor, limit) => deps.reads.deliveries(ask(caller, admin), id, cursor, limit),
    },
    events: {
      // An agent reads its own events only.
      read: (caller, filter) => events.read({ ...filter, ...ownOnly(caller, filter.agentId), operationId: caller.operationId }),
      stream: (caller, filter, sink) => streams.stream(caller, { ...filter, ...ownOnly(caller, filter.agentId), operationId: caller.operationId }, sink),
      latest: (caller) => events.latest(ask(caller, member)),
    },
    sessions: {
      signIn: (request) => sessions.signIn(request),
      authenticate: (value, csrf, unsafe, address) => sessions.authenticate(value, csrf, unsafe, address ?? null),
      current: (value) => sessions.current(value),
      signOut: (value) => sessions.signOut(value),
    },
    users: {
      create: async (access, username, password, principal) => {
        // The hash is slow on purpose: made before the transaction, for an admin only.
        if (access.kind === 'caller') authorize(access.caller.principal, admin);
        checkPassword(password);
        const hash = await hashPassword(password, deps.random.salt());
        return run(access, plain, admin, audited('user.create', (u) => `user ${u.id} (${username})`, (tx, ctx) => createUser(tx, ctx, username, hash, principal)));
      },
      change: async (access, id, change) => {
        if (access.kind === 'caller') authorize(access.caller.principal, admin);
        if (change.password !== undefined) checkPassword(change.password);
        const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password, deps.random.salt());
        const { user } = await runThen(access, plain, admin, audited('user.change', `user ${id}`, (tx, ctx) => changeUser(tx, ctx, id, { passwordHash, principal: change.principal })), sessionsEnded(id));
        return user;
      },
      remove: async (access, id) => {
        await runThen(access, plain, admin, audited('user.delete', `user ${id}`, (tx, ctx) => removeUser(tx, ctx, id)), sessionsEnded(id));
      },
      get: (caller, id) => deps.store.transaction((tx) => tx.users.get(ask(caller, admin), id)),
      list: (caller, cursor, limit) => deps.store.transaction((tx) => tx.users.list(ask(caller, admin), cursor, limit)),
    },
    idempotency: idempotencyOf(deps),
    admin: {
      authenticate: adminAuth,
      list: (_admin, cursor, limit) => deps.reads.operations(cursor, limit),
      get: (_admin, id) => deps.store.transaction((tx) => tx.operations.get(id)),
      create: (_admin, op) => deps.store.transaction(async (tx) => {
        const created = await createOperation(tx, now(), op, deps.random.tokenValue());
        await tx.audit.append({ operationId: op.id, at: now(), actor: adminActor, action: 'operation.create', target: `operation ${op.id}` });
        return created;
      }),
      change: (_admin, id, change) => deps.store.transaction(async (tx) => {
        const changed = await changeOperation(tx, now(), id, change);
        await tx.audit.append({ operationId: id, at: now(), actor: adminActor, action: 'operation.change', target: `operation ${id}` });
        return changed;
      }),
      createToken: (_admin, id, description) => deps.store.transaction(async (tx) => {
        const op = await tx.operations.get(id);
        if (!op) throw fail.operationNotFound(id);
        const ctx = { operationId: id, timeZone: op.timeZone, now: now(), principal: adminPrincipal, actor: adminActor };
        return audited<{ id: string; token: string }>('token.create', (r) => `token ${r.id} (${description})`, (t, c) => createToken(t, c, deps.random.tokenValue(), description))(tx, ctx);
      }),
    },
    async start() {
      await recovery.start();
      callbacks.start();
      dialer.start();
      webhooks.start();
      housekeeping.start();
    },
    async stop() {
      await housekeeping.stop();
      await webhooks.stop();
      await dialer.stop();
      await callbacks.stop();
      await recovery.stop();
    },
    committed(committed) {
      events.committed(committed);
      dialer.nudge();
      deps.pacingChannel?.wake();
      webhooks.nudge();
    },
    background: { dialer, callbacks, recovery, webhooks, housekeeping },
  };
}

/** A claim without an answer after this long belongs to a process that died: it may be taken over. */
const idempotencyStaleMs = 60_000;

function idempotencyOf(deps: EngineDeps): Engine['idempotency'] {
  const { idempotency, clock } = deps;
  return {
    claim: (caller, key, hash) => {
      const now = clock.now();
      return idempotency.claim(caller.operationId, key, hash, now, now - idempotencyStaleMs);
    },
    complete: (caller, key, status, body) => idempotency.complete(caller.operationId, key, status, body),
    release: (caller, key) => idempotency.release(caller.operationId, key),
  };
}
