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
 * Offers the agent phone the customer's media in `direction`. When the phone answers with other
 * media than the customer was last offered (or `customerWas` says the customer has not been given
 * the phone's media yet), the customer is offered the phone's new media in `customerDirection`.
 */
export async function offerAgent(legs: Legs, direction: MediaDirection, customerDirection: MediaDirection, customerWas: string): Promise<boolean> {
  const answered = await legs.agent.dialog.offer(setDirection(legs.customerSdp, direction));
  if (!answered.ok) return false;
  if (answered.sdp !== undefined) legs.agent.phoneSdp = answered.sdp;
  const stale = !sameMedia(legs.agent.phoneSdp, customerWas) || directionOf(customerWas) !== customerDirection;
  if (direction !== 'inactive' && stale) return offerCustomer(legs, customerDirection);
  return true;
}

/** Offers the customer the agent phone's media in `direction`. */
export async function offerCustomer(legs: Legs, direction: MediaDirection): Promise<boolean> {
  const answered = await legs.customer.offer(setDirection(legs.agent.phoneSdp, direction));
  if (answered.ok && answered.sdp !== undefined) legs.customerSdp = answered.sdp;
  return answered.ok;
}

/** Both legs to `paths` (hold, unhold, mute, unmute), at once. */
export async function setPaths(legs: Legs, paths: Paths): Promise<boolean> {
  const [c, a] = await Promise.all([offerCustomer(legs, paths.customer), legs.agent.dialog.offer(setDirection(legs.customerSdp, paths.agent))]);
  if (a.ok && a.sdp !== undefined) legs.agent.phoneSdp = a.sdp;
  return c && a.ok;
}
