// An operation's SIP trunks: kept with their digest password (the SIP adapter needs it to answer
// challenges), which leaves the engine only through this port; what the faces read carries
// `hasPassword` instead (read-model.ts).
import type { TrunkSettings } from '../../domain/trunk.ts';

export interface Trunk extends TrunkSettings {
  id: string;
  operationId: string;
  createdAt: number;
  updatedAt: number;
}

export interface TrunkRepo {
  create(operationId: string, settings: TrunkSettings, now: number): Promise<Trunk>;
  /** A trunk of the operation, not deleted, locked until the transaction ends. */
  lock(operationId: string, trunkId: string): Promise<Trunk | undefined>;
  /** Saves the trunk's settings and `updatedAt`. */
  update(trunk: Trunk): Promise<void>;
  /** Marks the trunk deleted and forgets its credentials; false when the operation has no such trunk. */
  remove(operationId: string, trunkId: string, now: number): Promise<boolean>;
  /** The operation's default trunk: its first (lowest id) not deleted, if any. */
  defaultId(operationId: string): Promise<string | undefined>;
  /** The operation's default trunk with its credentials (customer legs take it), if it has one. */
  defaultTrunk(operationId: string): Promise<Trunk | undefined>;
}
