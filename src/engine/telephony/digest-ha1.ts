// What Pacer keeps of an agent phone's password: its digest HA1, MD5("<user>:<realm>:<password>")
// (RFC 2617 §3.2.2.2, MD5 being what phones answer with). The user and realm of an agent's phone
// are fixed (src/domain/registration-user.ts), so the registrar checks every answer with the HA1
// alone (src/adapters/telephony/sip/digest-server.ts computes the rest of the digest from it) and
// the password never leaves the engine, as a console password leaves it only as its scrypt hash
// (../passwords.ts). Migration 0030 computed the same in SQL for the phones set before it.
import { createHash } from 'node:crypto';
import { registrationRealm, registrationUser } from '../../domain/registration-user.ts';

/** HA1 in lower-case hex, the password as UTF-8 (the bytes a phone hashes). */
export function digestHa1(username: string, realm: string, password: string): string {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');
}

/** The HA1 an agent's phone that registers with `password` answers with. */
export function agentPhoneHa1(operationId: string, agentId: string, password: string): string {
  return digestHa1(registrationUser(operationId, agentId), registrationRealm(operationId), password);
}
