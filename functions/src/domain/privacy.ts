/**
 * Parties' personal data (names, phones, ID numbers, addresses) is visible only to those
 * handling a case; everyone else sees these masks (DOMAIN.md "Privacy").
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  return id.length <= 8 ? '********' : `${id.slice(0, 4)}**********${id.slice(-4)}`;
}

const PHONE_RE = /(?<!\d)1\d{10}(?!\d)/g;
const ID_RE = /(?<![0-9Xx])\d{17}[0-9Xx](?![0-9Xx])/g;

/** Masks phone and ID numbers that appear inside free text (descriptions, alert texts). */
export function maskFreeText(text: string): string {
  return text.replace(ID_RE, (m) => maskIdNumber(m)!).replace(PHONE_RE, (m) => maskPhone(m)!);
}
