/**
 * The 人民调解协议书 in its standard layout (pure): the lines of the document, shared by the .docx
 * generator (lib/agreement-docx.ts) and the console's printable A4 page, and the OOXML of the
 * .docx body. Layout after the 司法部 model (人民调解文书格式): title and number, the parties, the
 * main facts and the matters in dispute, the agreed items with how and by when each is performed,
 * the copies clause, when it takes effect, the signature lines, the committee and the date.
 */
import type { AgreementDoc } from './mediation';
import { MEDIATION_ORG_KIND_ZH } from './mediation';

export interface AgreementLine {
  kind: 'title' | 'number' | 'heading' | 'text' | 'item' | 'signature' | 'seal' | 'date';
  text: string;
}

const PARTY_ROLE_ZH: Record<string, string> = {
  applicant: '申请人',
  respondent: '被申请人',
  third_party: '第三人',
  complainant: '申请人',
  other: '当事人',
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseOrdinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  return `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;
}

/** 2026-10-09 → 2026年10月9日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The document, line by line. */
export function agreementLines(a: AgreementDoc): AgreementLine[] {
  const lines: AgreementLine[] = [
    { kind: 'title', text: '人民调解协议书' },
    { kind: 'number', text: `编号：${a.number}` },
    { kind: 'heading', text: '当事人' },
  ];
  for (const p of a.parties) {
    const parts = [`${PARTY_ROLE_ZH[p.role] ?? '当事人'}：${p.name}`];
    if (p.idNumber) parts.push(`身份证号码：${p.idNumber}`);
    if (p.phone) parts.push(`联系电话：${p.phone}`);
    if (p.address) parts.push(`住址：${p.address}`);
    lines.push({ kind: 'text', text: parts.join('，') });
  }
  lines.push({ kind: 'heading', text: '纠纷主要事实、争议事项' });
  for (const para of a.facts.split(/\n+/).filter((s) => s.trim())) lines.push({ kind: 'text', text: para.trim() });
  lines.push({ kind: 'heading', text: '经调解，当事人自愿达成如下协议' });
  a.items.forEach((it, i) => {
    lines.push({
      kind: 'item',
      text: `${chineseOrdinal(i + 1)}、${it.content}。履行方式：${it.method}；履行期限：${chineseDate(it.dueDate)}前。`,
    });
  });
  lines.push({ kind: 'heading', text: '履行协议的方式、期限' });
  lines.push({ kind: 'text', text: '各方当事人应按上述约定的方式和期限自觉履行本协议。' });
  lines.push({
    kind: 'text',
    text: `本协议一式${a.parties.length + 1}份，当事人、${a.orgName}各持一份。本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。当事人可自本协议生效之日起三十日内共同向人民法院申请司法确认。`,
  });
  for (const p of a.parties)
    lines.push({ kind: 'signature', text: `${PARTY_ROLE_ZH[p.role] ?? '当事人'}（签名盖章或按指印）：${p.name}　　________` });
  lines.push({ kind: 'signature', text: `人民调解员（签名）：${a.mediatorName ?? ''}　　________` });
  lines.push({ kind: 'signature', text: '记录人（签名）：________' });
  lines.push({ kind: 'seal', text: `${a.orgName}（印）` });
  lines.push({ kind: 'seal', text: MEDIATION_ORG_KIND_ZH[a.orgKind] });
  lines.push({ kind: 'date', text: `生效日期：${chineseDate(a.effectiveDate)}` });
  return lines;
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Control characters are not allowed in XML 1.0.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function paragraph(l: AgreementLine): string {
  const center = l.kind === 'title';
  const right = l.kind === 'seal' || l.kind === 'date' || l.kind === 'number';
  const bold = l.kind === 'title' || l.kind === 'heading';
  const size = l.kind === 'title' ? 44 : 28; // half-points: 二号 22pt, 四号 14pt
  const jc = center ? '<w:jc w:val="center"/>' : right ? '<w:jc w:val="right"/>' : '';
  const indent = l.kind === 'text' || l.kind === 'item' ? '<w:ind w:firstLine="560"/>' : '';
  const spacing =
    l.kind === 'signature' ? '<w:spacing w:before="240" w:line="360" w:lineRule="auto"/>' : '<w:spacing w:line="360" w:lineRule="auto"/>';
  const rpr = `<w:rPr><w:rFonts w:ascii="SimSun" w:eastAsia="SimSun" w:hAnsi="SimSun"/>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  return `<w:p><w:pPr>${jc}${indent}${spacing}</w:pPr><w:r>${rpr}<w:t xml:space="preserve">${esc(l.text)}</w:t></w:r></w:p>`;
}

/** word/document.xml: A4 (11906×16838 twips), 2.54 cm margins. */
export function agreementDocumentXml(a: AgreementDoc): string {
  const body = agreementLines(a).map(paragraph).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
  );
}

export const DOCX_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

export const DOCX_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';
