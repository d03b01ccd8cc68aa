/**
 * Printing a case (A4, print stylesheet in styles.css `@media print`):
 * - 受理回执: for the petitioner, with the case number and a QR code (一案一码) that opens the
 *   resident's tracking page (`#/my?case={id}`, after signing in with the phone number given at
 *   registration). The QR code is drawn in the browser (npm `qrcode`): no remote service.
 * - 案件登记表: the case summary. Parties in full only for those who handle the case (the rules
 *   let exactly them read the private part); everyone else prints the masked parties.
 * - 人民调解协议书: the agreement in its standard layout (domain/agreement-doc.ts, the same lines
 *   as the .docx), for those who read the case (mediations/{caseId}).
 */
import { type CaseDoc, type CasePrivateDoc, agreementLines } from '@domain';
import { Button, Card, Result, Skeleton } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { FlagTags } from '../components/CaseTags';
import { loadErrorText } from '../data/callables';
import { kindOfUnit, useCase, useCaseParties, useEntityName } from '../data/hooks';
import { useMediation } from '../data/mediation-hooks';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { type PrintDoc, hrefFor } from '../router';

/** The resident's tracking page of a case (what the QR code opens). */
export const trackingUrl = (caseId: string): string =>
  `${location.origin}${location.pathname}${hrefFor({ name: 'my', query: { case: caseId } })}`;

export default function PrintPage({ caseId, doc }: { caseId: string; doc: PrintDoc }) {
  const { t } = useI18n();
  const c = useCase(caseId);
  const back = (
    <Button href={hrefFor({ name: 'case', id: caseId })} data-testid="print-back">
      ← {t('print.back')}
    </Button>
  );
  if (c.status === 'loading') return <Skeleton active paragraph={{ rows: 8 }} />;
  if (c.status !== 'ready') {
    const title = c.status === 'missing' ? t('detail.notFound') : c.status === 'denied' ? t('detail.forbidden') : loadErrorText(c, t);
    return <Result status={c.status === 'missing' ? '404' : 'error'} title={title} extra={back} data-testid="print-unavailable" />;
  }
  return (
    <div className="page print-page" data-testid="print-page" data-doc={doc}>
      <div className="print-toolbar no-print">
        {back}
        <Button type="primary" onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
        </Button>
        {doc !== 'agreement' && (
          <Button href={hrefFor({ name: 'print', id: caseId, doc: doc === 'receipt' ? 'form' : 'receipt' })} data-testid="print-other">
            {t(doc === 'receipt' ? 'print.toForm' : 'print.toReceipt')}
          </Button>
        )}
      </div>
      <Card className="print-sheet">
        {doc === 'receipt' ? <Receipt c={c.data} /> : doc === 'form' ? <RegistrationForm c={c.data} /> : <AgreementSheet caseId={caseId} />}
      </Card>
    </div>
  );
}

function useUnitName(c: CaseDoc) {
  return useEntityName(kindOfUnit(c.unitId), c.unitId);
}

function Receipt({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const unit = useUnitName(c);
  const village = useEntityName('region', c.villageId);
  const parties = useCaseParties(c.id, c.version);
  const url = trackingUrl(c.id);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then((d) => live && setQr(d));
    return () => {
      live = false;
    };
  }, [url]);
  const applicant = applicantName(c, parties.status === 'private' ? parties.data : null);
  return (
    <article className="receipt" data-testid="receipt">
      <h1 className="print-title">{t('print.receiptTitle')}</h1>
      <dl className="print-fields">
        <dt>{t('detail.caseId')}</dt>
        <dd className="mono print-case-id" data-testid="receipt-case-id">
          {c.id}
        </dd>
        <dt>{t('print.petitioner')}</dt>
        <dd>{applicant}</dd>
        <dt>{t('print.matter')}</dt>
        <dd>{c.title}</dd>
        <dt>{t('detail.category')}</dt>
        <dd>{l.category(c.category)}</dd>
        <dt>{t('print.receivedAt')}</dt>
        <dd>{formatDateTime(c.createdAt, locale)}</dd>
        <dt>{t('print.receivedBy')}</dt>
        <dd>{[village, unit].filter((x, i, a) => x && a.indexOf(x) === i).join(' · ')}</dd>
      </dl>
      <div className="receipt-qr">
        {qr ? <img src={qr} alt={t('print.qrAlt')} width={180} height={180} data-testid="receipt-qr" data-url={url} /> : <Skeleton.Image />}
        <p>{t('print.qrHint')}</p>
      </div>
      <p className="print-note">{t('print.receiptNote')}</p>
      <p className="print-sign">
        {t('print.stamp')}
        <span className="print-date">{formatDateTime(new Date(), locale).slice(0, 10)}</span>
      </p>
    </article>
  );
}

/** The applicant as the printer may see them: in full for those who handle the case, masked otherwise. */
function applicantName(c: CaseDoc, p: CasePrivateDoc | null): string {
  const full = p?.parties.find((x) => x.role === 'applicant') ?? p?.parties[0];
  if (full) return full.name;
  const masked = c.partiesMasked.find((x) => x.role === 'applicant') ?? c.partiesMasked[0];
  return masked?.name ?? '—';
}

function RegistrationForm({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const unit = useUnitName(c);
  const grid = useEntityName('grid', c.gridId);
  const parties = useCaseParties(c.id, c.version);
  const full = parties.status === 'private' ? parties.data : null;
  return (
    <article
      className="reg-form"
      data-testid="reg-form"
      data-personal={parties.status === 'loading' ? 'loading' : full ? 'full' : 'masked'}
    >
      <h1 className="print-title">{t('print.formTitle')}</h1>
      <table className="print-table">
        <tbody>
          <tr>
            <th>{t('detail.caseId')}</th>
            <td className="mono">{c.id}</td>
            <th>{t('detail.createdAt')}</th>
            <td>{formatDateTime(c.createdAt, locale)}</td>
          </tr>
          <tr>
            <th>{t('print.matter')}</th>
            <td colSpan={3}>{full?.title ?? c.title}</td>
          </tr>
          <tr>
            <th>{t('detail.category')}</th>
            <td>{l.category(c.category)}</td>
            <th>{t('detail.source')}</th>
            <td>{l.source(c.source)}</td>
          </tr>
          <tr>
            <th>{t('detail.class')}</th>
            <td>{l.caseClass(c.caseClass)}</td>
            <th>{t('detail.flags')}</th>
            <td>
              <FlagTags flags={c.flags} />
            </td>
          </tr>
          <tr>
            <th>{t('detail.grid')}</th>
            <td>{grid ?? ''}</td>
            <th>{t('detail.unit')}</th>
            <td>{unit ?? ''}</td>
          </tr>
          <tr>
            <th>{t('detail.state')}</th>
            <td>{l.state(c.state)}</td>
            <th>{t('detail.tier')}</th>
            <td>{l.tier(c.tier)}</td>
          </tr>
          <tr>
            <th>{t('detail.parties')}</th>
            <td colSpan={3} data-testid="reg-form-parties">
              {full
                ? full.parties.map((p, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parties have no ID; the list is fixed
                    <div key={i}>
                      {l.partyRole(p.role)}：{p.name}
                      {p.phone ? `，${t('detail.partyPhone')} ${p.phone}` : ''}
                      {p.idNumber ? `，${t('detail.partyIdNumber')} ${p.idNumber}` : ''}
                      {p.address ? `，${t('detail.address')} ${p.address}` : ''}
                    </div>
                  ))
                : c.partiesMasked.map((p, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parties have no ID; the list is fixed
                    <div key={i}>
                      {l.partyRole(p.role)}：{p.name}
                      {p.phone ? `，${t('detail.partyPhone')} ${p.phone}` : ''}
                    </div>
                  ))}
              {!full && <div className="muted">{t('detail.partiesMaskedNote')}</div>}
            </td>
          </tr>
          <tr>
            <th>{t('detail.description')}</th>
            <td colSpan={3} className="print-text">
              {full?.description ?? c.description}
            </td>
          </tr>
          {c.resolutionNote && (
            <tr>
              <th>{t('print.resolution')}</th>
              <td colSpan={3} className="print-text">
                {c.outcome ? `${l.outcome(c.outcome)}：` : ''}
                {c.resolutionNote}
              </td>
            </tr>
          )}
          <tr>
            <th>{t('print.handlerSign')}</th>
            <td />
            <th>{t('print.leaderSign')}</th>
            <td />
          </tr>
        </tbody>
      </table>
    </article>
  );
}

/** 人民调解协议书: the same lines as the .docx (domain/agreement-doc.ts), A4 through the print stylesheet. */
function AgreementSheet({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const m = useMediation(caseId);
  if (m.status === 'loading') return <Skeleton active paragraph={{ rows: 10 }} />;
  const a = m.status === 'ready' ? m.data.agreement : null;
  if (!a) return <Result status="info" title={t('print.noAgreement')} data-testid="agreement-missing" />;
  return (
    <article className="agreement-sheet" data-testid="agreement-sheet">
      {agreementLines(a).map((l, i) =>
        l.kind === 'title' ? (
          <h1 key={l.kind} className="print-title">
            {l.text}
          </h1>
        ) : l.kind === 'heading' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the document's lines are fixed, in order
          <h2 key={i} className="agreement-heading">
            {l.text}
          </h2>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the document's lines are fixed, in order
          <p key={i} className={`agreement-${l.kind}`}>
            {l.text}
          </p>
        ),
      )}
    </article>
  );
}
