// Re-INVITE glare (RFC 3261 §14.1): when a re-INVITE of ours gets 491 because the peer sent one at
// the same time, wait a random time before trying again. The owner of the Call-ID (the side that
// sent the dialog's first INVITE, which Pacer always is for the calls it places) waits 2.1 to 4 s,
// the other side 0 to 2 s, both in units of 10 ms, so the two retries do not collide again.

/** How long to wait before re-sending a re-INVITE that got 491; `fraction` is uniform in [0, 1). */
export function glareDelayMs(ownsCallId: boolean, fraction: number): number {
  const steps = Math.min(Math.floor(fraction * (ownsCallId ? 191 : 201)), ownsCallId ? 190 : 200);
  return (ownsCallId ? 2100 : 0) + steps * 10;
}
