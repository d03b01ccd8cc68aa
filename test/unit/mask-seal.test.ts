// The mask seal (lib/mask-seal.ts): a case's parties sealed for the server, so a command that
// brings text masks it without reading the parties' document — and masks exactly as before.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CaseDoc, caseMaskOptions, maskText } from '../../functions/src/domain';
import { caseMaskFor, openMaskSeal, sealMaskMaterial } from '../../functions/src/lib/mask-seal';
import { callableOptions } from '../../functions/src/lib/options';

const PRIVATE = {
  parties: [
    { name: '王建国', phone: '13912345678', idNumber: '620421198001011234', address: '城关镇北街12号' },
    { name: '李秀英', phone: null, idNumber: null, address: null },
  ],
  address: '岷阳镇东街村三社7号',
};
const CASE = { id: '621126-seal-1', countyId: '621126', townId: '621126100', villageId: '621126100001', gridId: '621126100001001' };
const TEXT = '王建国（电话139 1234 5678，身份证620421198001011234）与李秀英在岷阳镇东街村三社7号因宅基地争执，住城关镇北街12号';

const sealed = (id = CASE.id) => ({ ...CASE, id, maskSeal: sealMaskMaterial(id, PRIVATE) }) as unknown as CaseDoc;

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

describe('mask seal', () => {
  it('opens to the material it sealed, and masks exactly as the parties document does', async () => {
    const c = sealed();
    expect(c.maskSeal?.v).toBeTruthy();
    // Whoever reads the case sees ciphertext: no name, phone or ID in it.
    const stored = JSON.stringify(c.maskSeal);
    for (const secret of ['王建国', '13912345678', '620421198001011234', '城关镇北街']) expect(stored).not.toContain(secret);
    expect(openMaskSeal(c)).toEqual({
      parties: PRIVATE.parties.map(({ name, phone, idNumber, address }) => ({ name, phone, idNumber, address })),
      address: PRIVATE.address,
    });
    let read = 0;
    const fromSeal = await caseMaskFor(c, async () => {
      read++;
      return PRIVATE;
    });
    expect(read).toBe(0);
    const masked = maskText(TEXT, fromSeal);
    expect(masked).toBe(maskText(TEXT, caseMaskOptions(PRIVATE, c)));
    for (const secret of ['王建国', '李秀英', '13912345678', '620421198001011234', '北街12号', '三社7号'])
      expect(masked).not.toContain(secret);
  });

  it('is bound to its case: copied onto another case it does not open, and the parties are read', async () => {
    const other = { ...sealed(), id: '621126-seal-2' } as CaseDoc;
    expect(openMaskSeal(other)).toBeNull();
    let read = 0;
    const opts = await caseMaskFor(other, async () => {
      read++;
      return PRIVATE;
    });
    expect(read).toBe(1);
    expect(maskText(TEXT, opts)).not.toContain('王建国');
  });

  it('does not open when altered, absent, or sealed with another key', () => {
    const c = sealed();
    const raw = Buffer.from(c.maskSeal!.v, 'base64');
    raw[20] = raw[20]! ^ 1;
    expect(openMaskSeal({ ...c, maskSeal: { ...c.maskSeal!, v: raw.toString('base64') } })).toBeNull();
    expect(openMaskSeal({ ...c, maskSeal: { ...c.maskSeal!, v: 'AAAA' } })).toBeNull();
    expect(openMaskSeal({ ...c, maskSeal: null })).toBeNull();
    process.env.SEARCH_HMAC_KEY = 'a-rotated-production-key-0123456789';
    expect(openMaskSeal(c)).toBeNull(); // the key's name differs: read the parties
    const again = sealed();
    expect(again.maskSeal!.k).not.toBe(c.maskSeal!.k);
    expect(openMaskSeal(again)?.parties[0]?.name).toBe('王建国');
  });

  it('on a real project without the key: no seal is written and the parties are read (never less masking)', async () => {
    for (const k of ['SEARCH_HMAC_KEY', 'FUNCTIONS_EMULATOR', 'FIRESTORE_EMULATOR_HOST', 'NODE_ENV']) delete process.env[k];
    expect(sealMaskMaterial(CASE.id, PRIVATE)).toBeNull();
    const withSeal = { ...CASE, maskSeal: { k: 'whatever', v: 'AAAA' } } as unknown as CaseDoc;
    let read = 0;
    const opts = await caseMaskFor(withSeal, async () => {
      read++;
      return PRIVATE;
    });
    expect(read).toBe(1);
    expect(maskText(TEXT, opts)).toBe(maskText(TEXT, caseMaskOptions(PRIVATE, withSeal)));
  });
});

describe('the functions that use the personal-data key declare it', () => {
  // In production a function sees a secret only when it declares it: one that creates cases
  // without it would fail; one that masks text without it would read the parties every time.
  const api = join(__dirname, '../../functions/src/api');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
  const users = files(api).filter((f) =>
    /\b(reportCaseTx|applyCaseCommand|caseMaskFor|searchDocFor|hashTerm)\(/.test(readFileSync(f, 'utf8')),
  );

  it('finds the callables that do', () => {
    expect(users.length).toBeGreaterThanOrEqual(8);
  });

  it.each(users.map((f) => [f.slice(api.length + 1), f]))('%s', (_name, f) => {
    const src = readFileSync(f, 'utf8');
    const callable = /defineCallable\('(\w+)'/.exec(src)?.[1];
    if (callable) expect(callableOptions(callable as never).secrets ?? []).toContain('SEARCH_HMAC_KEY');
    else expect(src).toMatch(/secrets: \[[^\]]*SEARCH_SECRET_NAME/);
  });
});
