/**
 * Messages for zod issues in the console's language. The domain's schemas word their own
 * messages in Chinese (the server sends the same words); in English the console words the issue
 * from its code with zod's English locale instead.
 */
import type { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import type { Locale } from '.';

let en: ReturnType<typeof zodEn> | null = null;

export function issueText(iss: z.core.$ZodIssue, locale: Locale): string {
  if (locale === 'zh-CN') return iss.message;
  en ??= zodEn();
  try {
    const out = en.localeError(iss as unknown as z.core.$ZodRawIssue);
    const msg = typeof out === 'string' ? out : out?.message;
    return msg || iss.message;
  } catch {
    return iss.message;
  }
}

/** Issues by their first path segment (or the whole dotted path), first message wins. */
export function issuesByField(issues: z.core.$ZodIssue[], locale: Locale, depth = 1): Record<string, string> {
  const out: Record<string, string> = {};
  for (const iss of issues) {
    const key = iss.path.slice(0, depth).map(String).join('.');
    if (!(key in out)) out[key] = issueText(iss, locale);
  }
  return out;
}
