// Property tests of maskText (domain/privacy.ts): generated phone, ID, bank card and landline
// spellings (separators, +86/0086 prefixes, full-width digits) inside random Chinese text never
// survive; masking is idempotent; dates, amounts, times and region codes are never mangled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, maskText } from '../../functions/src/domain';

const digitsOf = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();

// Common characters and punctuation; no digits, and none of the words that make a 15-digit
// number a code (编号, 代码, 网格…).
const HAN = Array.from(
  '的一是在不了有和人这中大为上个我以要他时来用们生到作地于出就分对成会可主发年动同也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严，。；：、（）！？“”',
).filter((ch) => !'编码代号网格区划单订工'.includes(ch));
const han = (min = 0, max = 12) => fc.string({ unit: fc.constantFrom(...HAN), minLength: min, maxLength: max });

const FW = (s: string) =>
  s
    .replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    .replace(/X/g, 'Ｘ')
    .replace(/x/g, 'ｘ')
    .replace(/-/g, '－')
    .replace(/\+/g, '＋')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/ /g, '\u3000');
const SEPS = ['', '', '', ' ', '-', '.', ' - ', '  ', '－', '—'];
/** Digits joined with a separator (usually none) between any two of them. */
const spelled = (digits: string) =>
  fc.array(fc.constantFrom(...SEPS), { minLength: digits.length - 1, maxLength: digits.length - 1 }).map((seps) =>
    Array.from(digits)
      .map((d, i) => d + (seps[i] ?? ''))
      .join(''),
  );
const grouped = (digits: string, sizes: number[], sep: string) => {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) if (i < digits.length) out.push(digits.slice(i, (i += n)));
  if (i < digits.length) out.push(digits.slice(i));
  return out.join(sep);
};
const digitString = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

const mobile = fc.tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), digitString(9)).map(([b, rest]) => `1${b}${rest}`);
const PREFIXES = ['', '', '+86', '+86 ', '+86-', '0086', '0086-', '0086 ', '(+86)', '(+86) ', '86 ', '86-'];
const phoneSpelling = mobile.chain((p) =>
  fc.record({
    digits: fc.constant(p),
    text: fc
      .tuple(
        fc.constantFrom(...PREFIXES),
        fc.oneof(spelled(p), fc.constantFrom(grouped(p, [3, 4, 4], ' '), grouped(p, [3, 4, 4], '-'), grouped(p, [3, 4, 4], '.'))),
        fc.boolean(),
      )
      .map(([pre, body, fw]) => (fw ? FW(pre + body) : pre + body)),
  }),
);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const birth = (fromYear: number, toYear: number) =>
  fc
    .date({ min: new Date(`${fromYear}-01-01T00:00:00Z`), max: new Date(`${toYear}-12-31T00:00:00Z`), noInvalidDate: true })
    .map((d) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`);
const REGIONS = ['621126', '110105', '440305', '652101', '310115', '620102'];
const id18 = fc
  .tuple(fc.constantFrom(...REGIONS), birth(1930, 2015), digitString(3), fc.constantFrom(...'0123456789X'))
  .map(([r, b, s, c]) => `${r}${b}${s}${c}`);
const id15 = fc.tuple(fc.constantFrom(...REGIONS), birth(1920, 1999), digitString(3)).map(([r, b, s]) => `${r}${b.slice(2)}${s}`);
const idSpelling = fc.oneof(id18, id15).chain((id) =>
  fc.record({
    digits: fc.constant(id),
    text: fc
      .tuple(
        fc.oneof(
          spelled(id),
          fc.constantFrom(
            grouped(id, [6, id.length === 18 ? 8 : 6], ' '),
            grouped(id, [6, id.length === 18 ? 8 : 6], '-'),
            grouped(id, [4, 4, 4, 4], ' '),
          ),
        ),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([t, lower, fw]) => {
        const s = lower ? t.toLowerCase() : t;
        return fw ? FW(s) : s;
      }),
  }),
);
const card = fc
  .tuple(fc.integer({ min: 16, max: 19 }), fc.constantFrom('62', '60', '43', '52'))
  .chain(([n, head]) => digitString(n - 2).map((d) => head + d));
const cardSpelling = card.chain((c) =>
  fc.record({
    digits: fc.constant(c),
    text: fc
      .tuple(fc.constantFrom(c, grouped(c, [4, 4, 4, 4], ' '), grouped(c, [4, 4, 4, 4], '-'), grouped(c, [6], ' ')), fc.boolean())
      .map(([t, fw]) => (fw ? FW(t) : t)),
  }),
);
const landlineSpelling = fc
  .tuple(
    fc.constantFrom('010', '021', '0931', '0932', '0755', '0571'),
    fc.integer({ min: 2, max: 8 }),
    fc.oneof(digitString(6), digitString(7)),
  )
  .chain(([area, first, rest]) => {
    const local = `${first}${rest}`;
    return fc.record({
      digits: fc.constant(area + local),
      text: fc
        .tuple(
          fc.constantFrom(
            `${area}-${local}`,
            `${area} ${local}`,
            `(${area})${local}`,
            `（${area}）${local}`,
            `${area}${local}`,
            `${area}-${local.slice(0, -4)} ${local.slice(-4)}`,
          ),
          fc.boolean(),
        )
        .map(([t, fw]) => (fw ? FW(t) : t)),
    });
  });
const sensitive = fc.oneof(phoneSpelling, idSpelling, cardSpelling, landlineSpelling);

// Values that must survive.
const dateText = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .chain((d) => {
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    return fc.constantFrom(
      `${y}-${pad(m)}-${pad(day)}`,
      `${y}年${m}月${day}日`,
      `${y}.${pad(m)}.${pad(day)}`,
      `${y}${pad(m)}${pad(day)}`,
      `${y}/${m}/${day}`,
    );
  });
const timeText = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`);
const amountText = fc.oneof(
  fc.integer({ min: 1, max: 9_999_999 }).map((n) => `${n}元`),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `${a}.${b}万元`),
);
const villageCode = fc
  .tuple(fc.constantFrom(...REGIONS), fc.integer({ min: 0, max: 199 }), fc.integer({ min: 1, max: 399 }))
  .map(([c, t, v]) => `${c}${pad(t, 3)}${pad(v, 3)}`);
// Grid codes of 街道 and 镇 (town sequence 0xx/1xx): 15 digits that are never a birth date of 1920–1999.
const gridCode = fc.tuple(villageCode, fc.integer({ min: 1, max: 999 })).map(([v, g]) => `${v}${pad(g, 3)}`);
const caseId = fc
  .tuple(
    fc.constantFrom(...REGIONS),
    fc.string({ unit: fc.constantFrom(...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789'), minLength: 12, maxLength: 12 }),
  )
  .map(([c, h]) => `${c}-${h}`);
const keptValue = fc.oneof(dateText, timeText, amountText, villageCode, gridCode, caseId, fc.integer({ min: 1, max: 99999 }).map(String));

const SURNAMES = Array.from('张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐');
const GIVEN = Array.from('建国秀英玉梅福祥小二铁柱娜桂兰永强海燕志明');
const partyName = fc
  .tuple(fc.constantFrom(...SURNAMES, '欧阳', '司马'), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
  .map(([s, g]) => s + g.join(''));

const PARAMS = { numRuns: 300 };

describe('generated spellings never survive', () => {
  it('mobile phones (separators, +86/0086/(+86)/86, full-width) inside Chinese text', () => {
    fc.assert(
      fc.property(han(), phoneSpelling, han(), (before, p, after) => {
        const out = maskText(`${before}${p.text}${after}`);
        expect(digitsOf(out)).not.toContain(p.digits);
        expect(out).toContain(maskPhone(p.digits));
      }),
      PARAMS,
    );
  });
  it('ID numbers, 15 and 18 digits, with separators, x/X and full-width digits', () => {
    fc.assert(
      fc.property(han(), idSpelling, han(), (before, id, after) => {
        const out = maskText(`${before}${id.text}${after}`);
        expect(digitsOf(out)).not.toContain(id.digits);
        expect(out).toContain(maskIdNumber(id.digits));
      }),
      PARAMS,
    );
  });
  it('bank cards (16–19 digits, grouped or not)', () => {
    fc.assert(
      fc.property(han(), cardSpelling, han(), (before, c, after) => {
        expect(digitsOf(maskText(`${before}${c.text}${after}`))).not.toContain(c.digits);
      }),
      PARAMS,
    );
  });
  it('landlines with an area code', () => {
    fc.assert(
      fc.property(han(), landlineSpelling, han(), (before, l, after) => {
        expect(digitsOf(maskText(`${before}${l.text}${after}`))).not.toContain(l.digits);
      }),
      PARAMS,
    );
  });
  it("the case's parties' names, and their own numbers even in shapes no pattern knows", () => {
    fc.assert(
      fc.property(partyName, partyName, digitString(10), han(0, 6), han(1, 6), (a, b, ownDigits, t1, t2) => {
        fc.pre(!a.includes(b) && !b.includes(a));
        const own = `1${ownDigits.slice(0, 1) === '0' ? '2' : ownDigits.slice(0, 1)}${ownDigits.slice(1)}`; // 1x… as the schema allows (also 10x, 12x)
        const parties = [{ name: a, phone: own }, { name: b }];
        const out = maskText(`${t1}${a}与${b}${t2}，${a}电话${grouped(own, [3, 4, 4], ' ')}，${b}同意`, { parties });
        expect(out).not.toContain(a);
        expect(out).not.toContain(b);
        expect(digitsOf(out)).not.toContain(own);
      }),
      PARAMS,
    );
  });
});

describe('nothing else is mangled, and masking is idempotent', () => {
  it('dates, times, amounts, region and grid codes, case IDs and short numbers survive beside personal data', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            han(1, 6),
            fc.oneof(
              keptValue.map((k) => ({ kept: k })),
              sensitive.map((s) => ({ secret: s })),
            ),
          ),
        ),
        han(0, 4),
        (parts, tail) => {
          const text = parts.map(([t, v]) => t + ('kept' in v ? v.kept : v.secret.text)).join('') + tail;
          const out = maskText(text);
          for (const [, v] of parts) {
            if ('kept' in v) expect(out, text).toContain(v.kept);
            else expect(digitsOf(out), text).not.toContain(v.secret.digits);
          }
          expect(maskText(out)).toBe(out);
        },
      ),
      PARAMS,
    );
  });
  it('text without personal data is unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(han(1, 6), keptValue)), (parts) => {
        const text = parts.map(([t, k]) => t + k).join('');
        expect(maskText(text)).toBe(text);
      }),
      PARAMS,
    );
  });
  it('masking masked text changes nothing, whatever the text (digits, separators, asterisks, names)', () => {
    const token = fc.oneof(
      han(1, 3),
      digitString(1).chain(() => fc.integer({ min: 1, max: 20 }).chain((n) => digitString(n))),
      fc.constantFrom(
        ' ',
        '-',
        '.',
        '+',
        '+86',
        '0086',
        '(',
        ')',
        '*',
        '**',
        'X',
        'x',
        '８',
        '－',
        '身份证',
        '网格',
        '张三',
        '李四',
        '城郊村3社12号',
      ),
      sensitive.map((s) => s.text),
    );
    const parties = [
      { name: '张三', phone: '13812345678', idNumber: '621126198001011234', address: '岷阳镇城郊村3社12号' },
      { name: '李四' },
    ];
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const once = maskText(tokens.join(''), { parties });
        expect(maskText(once, { parties })).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
