// Webhook signatures: HMAC-SHA256 over "<unix seconds>.<body>" with the subscription's secret,
// sent as `Pacer-Signature: t=<unix seconds>,v1=<hex>`. A receiver recomputes it and rejects
// stale timestamps to stop replays.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signature(secret: string, timestampS: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestampS: number, body: string): string {
  return `t=${timestampS},v1=${signature(secret, timestampS, body)}`;
}

/** Checks a Pacer-Signature header; `toleranceS` bounds the age of the timestamp. */
export function verifySignature(secret: string, header: string, body: string, nowS: number, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  const v1 = parts.v1 ?? '';
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS || !/^[0-9a-f]{64}$/.test(v1)) return false;
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(signature(secret, t, body), 'hex'));
}
