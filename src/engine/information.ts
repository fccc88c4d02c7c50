// What information.php reads (and the native face's audit log and allow-list): each a read of the
// caller's operation in the request's transaction, admitted as any other request (a wolkvox token's
// call counts against its daily quota, token_info's own included).
import { maxDetailRangeMs } from '../domain/campaign.ts';
import { fail } from '../domain/errors.ts';
import { localDay } from '../domain/local-time.ts';
import { admin, member, supervisor } from '../domain/permission.ts';
import { instantOfRequestTime } from '../domain/request-time.ts';
import { counted, type Run, type Work } from './access.ts';
import type { Engine, Listed } from './api.ts';
import { audited } from './audit.ts';
import type { EngineDeps, RequestContext } from './deps.ts';
import { addAllowedAddress, removeAllowedAddress } from './native/allow-list.ts';
import type { AuditEntry } from './ports/audit.ts';
import type { TokenUse } from './ports/directory.ts';
import type { Tx } from './ports/store.ts';

/** wolkvox answers at most this many rows; a larger audit log asks for a narrower range. */
export const maxAuditRows = 60_000;

/** The audit log over [from, to] (at most 31 days), newest first. */
export async function auditLog(tx: Tx, ctx: RequestContext, from: number, to: number, params = { from: 'date_ini', to: 'date_end' }): Promise<AuditEntry[]> {
  if (to < from) throw fail.parameterRequired(params.to, `it is before ${params.from}`);
  if (to - from > maxDetailRangeMs) throw fail.parameterRequired(params.to, `the range from ${params.from} may be at most 31 days`);
  const rows = await tx.audit.list(ctx.operationId, from, to, maxAuditRows + 1);
  if (rows.length > maxAuditRows) throw fail.badValue(`More than ${maxAuditRows} audit entries between ${params.from} and ${params.to}: ask for a shorter range`);
  return rows;
}

/** The caller's token's use today (on the operation's clock); a console session is no token. */
export async function tokenUse(tx: Tx, ctx: RequestContext, quotaPerLicense: number): Promise<TokenUse> {
  const use = ctx.actor.id.startsWith('user:') ? undefined
    : await tx.directory.tokenUse(ctx.operationId, ctx.actor.id, localDay(ctx.now, ctx.timeZone), quotaPerLicense);
  if (!use) throw fail.tokenNotFound(ctx.actor.id);
  return use;
}

/** A list's rows with its operation and zone (its times are shown on the operation's clock). */
const listed = <T>(work: Work<T[]>): Work<Listed<T>> => async (tx, ctx) => ({ items: await work(tx, ctx), operationId: ctx.operationId, timeZone: ctx.timeZone });

/** information.php's reads, bound to their admission (counted against a wolkvox token's quota) and role. */
export function createInformation(run: Run, deps: Pick<EngineDeps, 'settings'>): Engine['information'] {
  return {
    agents: (access, id) => run(access, counted, supervisor, listed((tx, ctx) => tx.directory.agents(ctx.operationId, id))),
    skills: (access, id) => run(access, counted, member, listed((tx, ctx) => tx.directory.skills(ctx.operationId, id))),
    agentsInSkill: (access, id) => run(access, counted, supervisor, listed(async (tx, ctx) => {
      const members = await tx.directory.skillMembers(ctx.operationId, id);
      if (!members) throw fail.skillNotFound(id);
      return members;
    })),
    campaigns: (access, id) => run(access, counted, member, listed((tx, ctx) => tx.directory.campaigns(ctx.operationId, id))),
    activityCodes: (access, code) => run(access, counted, member, listed((tx, ctx) => tx.directory.activityCodes(ctx.operationId, code))),
    tokenUse: (access) => run(access, counted, member, (tx, ctx) => tokenUse(tx, ctx, deps.settings.quotaPerLicense)),
    dnc: (access, limit) => run(access, counted, supervisor, listed(async (tx, ctx) => (await tx.dnc.list(ctx.operationId, undefined, limit, ctx.now)).items)),
    // Who changed what, from where: the admin's.
    auditLog: (access, from, to, params) => run(access, counted, admin, listed((tx, ctx) => {
      const end = to === undefined ? ctx.now : instantOfRequestTime(to, ctx.timeZone);
      return auditLog(tx, ctx, from === undefined ? end - 86_400_000 : instantOfRequestTime(from, ctx.timeZone), end, params);
    })),
  };
}

/** Where the operation's tokens may be used from: the admin's. */
export function createAllowList(run: Run): Engine['allowList'] {
  return {
    add: (access, entry) => run(access, counted, admin, audited('allowed_address.add', (a) => a.address, (tx, ctx) => addAllowedAddress(tx, ctx, entry))),
    remove: (access, address) => run(access, counted, admin, audited('allowed_address.delete', address, (tx, ctx) => removeAllowedAddress(tx, ctx, address))),
    list: (access) => run(access, counted, admin, listed((tx, ctx) => tx.allowList.list(ctx.operationId, ctx.now))),
  };
}
