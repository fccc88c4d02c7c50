// Which way the audio of a bridged call flows, as the RFC 3264 directions each leg is offered, and
// the re-INVITEs that set them. Pacer offers the customer the agent phone's media and the agent
// phone the customer's: audio then flows phone <-> carrier, never through Pacer.
//   talking: sendrecv on both.
//   held:    the customer sendonly (it hears the phone's music on hold, if any), the phone inactive.
//   muted:   the customer recvonly (it sends, hears nothing), the phone sendonly (it hears the
//            customer and sends nothing).
import type { Dialog } from './dialog.ts';
import { directionOf, sameMedia, setDirection, type MediaDirection } from './sdp.ts';

export interface Paths { customer: MediaDirection; agent: MediaDirection }

export function pathsOf(state: { held: boolean; muted: boolean }): Paths {
  if (state.held) return { customer: 'sendonly', agent: 'inactive' };
  if (state.muted) return { customer: 'recvonly', agent: 'sendonly' };
  return { customer: 'sendrecv', agent: 'sendrecv' };
}

/** The two legs of a bridge and their latest descriptions (updated by the offers below). */
export interface Legs {
  agent: { dialog: Dialog; phoneSdp: string };
  customer: Dialog;
  customerSdp: string;
}

/**
 * Connects the two legs (both sendrecv), in one round trip where it can: the phone is offered the
 * customer's media and, at the same time, the customer the phone's media it already knows, unless
 * `customerWas` (what the customer was last offered) is that already. The customer hears the agent
 * one phone round trip sooner than if it waited for the phone's answer. A leg that answers with
 * other media than the other leg was given (a phone that moved its port) costs one more offer.
 */
export async function connect(legs: Legs, customerWas: string): Promise<boolean> {
  const phoneGot = legs.customerSdp;
  const customerGot = legs.agent.phoneSdp;
  const customerHasIt = sameMedia(customerGot, customerWas) && directionOf(customerWas) === 'sendrecv';
  const [agent, customer] = await Promise.all([
    legs.agent.dialog.offer(setDirection(phoneGot, 'sendrecv')),
    customerHasIt ? true : offerCustomer(legs, 'sendrecv'),
  ]);
  if (!agent.ok || !customer) return false;
  if (agent.sdp !== undefined) legs.agent.phoneSdp = agent.sdp;
  if (!sameMedia(legs.agent.phoneSdp, customerGot) && !(await offerCustomer(legs, 'sendrecv'))) return false;
  if (!sameMedia(legs.customerSdp, phoneGot)) return offerAgentOnly(legs, 'sendrecv');
  return true;
}

/** Offers the agent phone the customer's media in `direction` (the customer is not told). */
async function offerAgentOnly(legs: Legs, direction: MediaDirection): Promise<boolean> {
  const answered = await legs.agent.dialog.offer(setDirection(legs.customerSdp, direction));
  if (answered.ok && answered.sdp !== undefined) legs.agent.phoneSdp = answered.sdp;
  return answered.ok;
}

/** Offers the customer the agent phone's media in `direction`. */
export async function offerCustomer(legs: Legs, direction: MediaDirection): Promise<boolean> {
  const answered = await legs.customer.offer(setDirection(legs.agent.phoneSdp, direction));
  if (answered.ok && answered.sdp !== undefined) legs.customerSdp = answered.sdp;
  return answered.ok;
}

/** Both legs to `paths` (hold, unhold, mute, unmute), at once. */
export async function setPaths(legs: Legs, paths: Paths): Promise<boolean> {
  const [c, a] = await Promise.all([offerCustomer(legs, paths.customer), offerAgentOnly(legs, paths.agent)]);
  return c && a;
}
