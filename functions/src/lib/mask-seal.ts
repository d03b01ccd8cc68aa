/**
 * The mask seal: what free text of a case is masked with (its parties' names, phones, ID numbers
 * and addresses, and the case's address — domain/privacy.ts `caseMaskOptions`), encrypted for the
 * server and kept on the case document (`maskSeal`). A command that brings text (escalate's
 * reason, resolve's note, a session's summary) masks it with the seal of the case it has just
 * read, instead of reading the parties' document as well (issue 17: one read fewer per such
 * command).
 *
 * AES-256-GCM with a key derived (HKDF-SHA256) from the server's personal-data key, the secret
 * `SEARCH_HMAC_KEY` that already keys the parties' search hashes (lib/search-index.ts): no new
 * secret to deploy. Whoever reads the case document sees only ciphertext. The case ID is the
 * additional authenticated data, so a seal copied onto another case does not open. The parties
 * are written once, when the case is created, and never changed, so a seal never goes stale.
 *
 * Fail-safe: a case without a seal (older, or written where the key was not available), a seal
 * of another key (after a rotation) or one that does not authenticate opens as null, and the
 * caller reads the parties' document as before. Nothing is ever masked with less.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { type CaseDoc, type MaskOptions, type PartyLike, caseMaskOptions } from '../domain';
import { keyId, searchKey } from './search-index';

type Sealed = NonNullable<CaseDoc['maskSeal']>;
/** What is sealed: the parties' personal fields and the case's address. */
type Material = { parties: PartyLike[]; address: string | null };

const INFO = 'fengqiao-mask-seal-v1';

/** The seal key and its short name, or null where the server key is not available. */
function sealKey(): { key: Buffer; id: string } | null {
  let k: string;
  try {
    k = searchKey();
  } catch {
    return null; // a real project without the secret: no seal, the parties are read
  }
  return { key: Buffer.from(hkdfSync('sha256', k, '', INFO, 32)), id: keyId(k) };
}

/** Seals a new case's mask material, bound to its ID; null where the key is not available. */
export function sealMaskMaterial(caseId: string, p: { parties: readonly PartyLike[]; address?: string | null }): Sealed | null {
  const k = sealKey();
  if (!k) return null;
  const material: Material = {
    parties: p.parties.map((x) => ({
      name: x.name ?? null,
      phone: x.phone ?? null,
      idNumber: x.idNumber ?? null,
      address: x.address ?? null,
    })),
    address: p.address ?? null,
  };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(Buffer.from(caseId, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(material), 'utf8'), cipher.final()]);
  return { k: k.id, v: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
}

/** The mask material of a case from its seal, or null (no seal, another key, not authentic). */
export function openMaskSeal(c: Pick<CaseDoc, 'id' | 'maskSeal'>): Material | null {
  const s = c.maskSeal;
  if (!s) return null;
  const k = sealKey();
  if (!k || k.id !== s.k) return null;
  try {
    const raw = Buffer.from(s.v, 'base64');
    if (raw.length < 12 + 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', k.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(c.id, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    const m = JSON.parse(text) as Material;
    return Array.isArray(m.parties) ? { parties: m.parties, address: m.address ?? null } : null;
  } catch {
    return null;
  }
}

/**
 * The masking context of a case for a command that brings text: from its seal, else from the
 * parties' document, read by `readParties` only then.
 */
export async function caseMaskFor(
  c: CaseDoc,
  readParties: () => Promise<{ parties: readonly PartyLike[]; address?: string | null } | undefined>,
): Promise<MaskOptions> {
  return caseMaskOptions(openMaskSeal(c) ?? (await readParties()), c);
}
