// The addresses an operation's tokens may be used from. None live: any address.
export interface AllowedAddress {
  address: string;
  description: string;
  createdAt: number;
  /** null: permanent. */
  expiresAt: number | null;
  lastUsedAt: number | null;
}

export interface AllowListRepo {
  /** Adds the address; false when it is already there (live). An expired entry is replaced. */
  add(operationId: string, entry: Omit<AllowedAddress, 'lastUsedAt'>, now: number): Promise<boolean>;
  /** Removes a live entry; false when there is none. */
  remove(operationId: string, address: string, now: number): Promise<boolean>;
  /** Live entries, by address. */
  list(operationId: string, now: number): Promise<AllowedAddress[]>;
  /** How many live permanent entries the operation has. */
  permanentCount(operationId: string, now: number): Promise<number>;
  /** Notes a request from a listed address (a write nobody waits for: it leaves with the transaction). */
  touch(operationId: string, address: string, now: number): Promise<void>;
}

/** How a request's address stands with its operation's allow-list: read with the token, in the same statement. */
export interface AddressCheck {
  /** The operation has no live entry, or one for the address. */
  admitted: boolean;
  /** The address has a live entry. */
  listed: boolean;
  /** When its entry last admitted a request. */
  lastUsedAt: number | null;
}

/** Where a request comes from and when: what a token's claim checks the allow-list with. */
export interface RequestOrigin { address: string | null; now: number }
