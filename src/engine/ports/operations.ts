// Operations (tenants) and their configuration: auxiliary states, activity codes, skills, the
// numbers they may call.
import type { OutboundPolicy } from '../../domain/outbound-number.ts';
import type { LimitedThing } from '../../domain/operation-limits.ts';

export interface Operation {
  id: string;
  name: string;
  timeZone: string;
  licenses: number;
  acwS: number;
  outboundPolicy: OutboundPolicy;
}

export interface OperationRepo {
  get(id: string): Promise<Operation | undefined>;
  count(): Promise<number>;
  /** Inserts the operation; false when its id is taken. */
  create(op: Operation, now: number): Promise<boolean>;
  /** Loads an operation and locks it until the transaction ends. */
  lock(id: string): Promise<Operation | undefined>;
  /** Saves name, time zone, licenses and after-call-work seconds. */
  update(op: Operation): Promise<void>;
  setOutboundPolicy(operationId: string, policy: OutboundPolicy): Promise<void>;
  auxStateName(operationId: string, auxId: number): Promise<string | undefined>;
  putAuxState(operationId: string, auxId: number, name: string): Promise<void>;
  /** Removes the auxiliary state; false when the operation has no such state. */
  removeAuxState(operationId: string, auxId: number): Promise<boolean>;
  /** Agents in the auxiliary state now, or set to take it when their call ends. */
  agentsInAuxState(operationId: string, auxId: number): Promise<string[]>;
  activityCodeExists(operationId: string, group: 1 | 2, code: string): Promise<boolean>;
  /** Creates or renames the code; `flags` (wolkvox's hit, rpc…), when given, replace its flags. */
  putActivityCode(operationId: string, group: 1 | 2, code: string, name: string, flags?: readonly string[]): Promise<void>;
  /** Removes the activity code (calls keep the codes they were given); false when there is none. */
  removeActivityCode(operationId: string, group: 1 | 2, code: string): Promise<boolean>;
  /** Creates or renames the skill; `description`, when given, replaces its description. */
  putSkill(operationId: string, skillId: number, name: string, description?: string): Promise<void>;
  /** One above the highest skill id (1 in an operation with none). */
  nextSkillId(operationId: string): Promise<number>;
  /** How many of each bounded thing the operation holds (domain/operation-limits.ts). */
  sizes(operationId: string): Promise<Record<LimitedThing, number>>;
  /** Those of `skillIds` that are skills of the operation. */
  existingSkills(operationId: string, skillIds: readonly number[]): Promise<number[]>;
}
