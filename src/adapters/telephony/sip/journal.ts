// The dialogs Pacer holds, written down where a process that takes over after a crash can read
// them: what a BYE needs, and whose dialog it was (a customer leg's call, an agent's session).
// Written once when the dialog is made: a BYE from a saved state takes a CSeq far above any the
// dead process can have used (RFC 3261 only asks it to be higher), so re-INVITEs need no write.
import type { DialogState } from './dialog-state.ts';

export interface SavedDialog {
  id: string;
  operationId: string;
  /** A customer leg's call (conn_id); null for an agent's session. */
  callId: string | null;
  /** An agent's standing session; null for a customer leg. */
  agentId: string | null;
  state: ByeState;
}

/** What hanging up a dialog needs. */
export type ByeState = Pick<DialogState, 'callId' | 'local' | 'remote' | 'remoteTarget' | 'routeSet' | 'localSeq' | 'transport' | 'contact'>;

export interface DialogJournal {
  saved(dialog: SavedDialog): Promise<void>;
  /** A leg that goes on under another call (a transfer). */
  renamed(dialogId: string, callId: string): Promise<void>;
  ended(dialogId: string): Promise<void>;
  /** The dialogs of a call, whatever process made them. */
  ofCall(callId: string): Promise<SavedDialog[]>;
  /** The dialogs other processes made (they are dead when this one holds the SIP lead). */
  ofOthers(): Promise<SavedDialog[]>;
}

/** For tests and the embedded default without a journal: nothing is kept. */
export const noJournal: DialogJournal = {
  saved: () => Promise.resolve(),
  renamed: () => Promise.resolve(),
  ended: () => Promise.resolve(),
  ofCall: () => Promise.resolve([]),
  ofOthers: () => Promise.resolve([]),
};
