// Who a REGISTER speaks for. One SIP listener serves every operation, so the registration user
// names both: `<operationId>-<agentId>` (operation ids are four digits, agent ids 1–12 digits), e.g.
// `0001-1001`. It is the user of the REGISTER's To (the address of record) and the digest username;
// the digest realm is the operation's, `<operationId>.pacer`, so one operation's challenge is no
// answer for another's. A Pacer choice, documented in the README (Real telephony). Pure: the
// registrar (src/adapters/telephony/sip/registrar.ts) reads it, the engine tells agents with it.

export interface RegistrationUser {
  operationId: string;
  agentId: string;
}

const userPattern = /^([0-9]{4})-([0-9]{1,12})$/;

/** The operation and agent `user` names, or undefined when it is not `<operationId>-<agentId>`. */
export function parseRegistrationUser(user: string | undefined): RegistrationUser | undefined {
  const match = user === undefined ? null : userPattern.exec(user);
  return match ? { operationId: match[1]!, agentId: match[2]! } : undefined;
}

/** The user an agent's phone registers as. */
export function registrationUser(operationId: string, agentId: string): string {
  return `${operationId}-${agentId}`;
}

/** The digest realm of an operation's registrations. */
export function registrationRealm(operationId: string): string {
  return `${operationId}.pacer`;
}
