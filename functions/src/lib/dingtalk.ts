import { createHmac } from 'node:crypto';

/** DingTalk 加签: timestamp (ms) and sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function dingtalkSignedUrl(url: string, secret: string, nowMs: number): string {
  const sign = createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${nowMs}&sign=${encodeURIComponent(sign)}`;
}
