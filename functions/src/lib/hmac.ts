import { createHmac, timingSafeEqual } from 'node:crypto';

/** Allowed clock skew between a sender's timestamp and ours (replay protection). */
export const MAX_SKEW_SECONDS = 300;

export function sign(key: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Verifies `X-Fengqiao-Signature` over `${timestamp}.${rawBody}`; returns an English reason when not valid. */
export function verify(
  key: string | undefined,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  nowSeconds: number,
): string | null {
  if (!key) return 'unknown source';
  if (!timestamp || !/^\d{9,11}$/.test(timestamp)) return 'missing or malformed X-Fengqiao-Timestamp';
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return 'timestamp outside the allowed window';
  if (!signature) return 'missing X-Fengqiao-Signature';
  const expected = Buffer.from(sign(key, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? null : 'bad signature';
}

/** INTAKE_HMAC_KEYS holds a JSON object: { "<sourceId>": "<key>", … }. */
export function parseKeys(raw: string | undefined): Record<string, string> {
  try {
    const v = JSON.parse(raw ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
