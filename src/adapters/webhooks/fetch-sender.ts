// Sends webhook deliveries with fetch: no redirects followed, bounded in time, every failure
// reported as a result rather than thrown.
import type { WebhookSender } from '../../engine/ports/webhooks.ts';

export function fetchSender(): WebhookSender {
  return {
    async post(url, body, headers, timeoutMs) {
      try {
        const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
        return { status: response.status, error: null };
      } catch (error) {
        return { status: null, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
