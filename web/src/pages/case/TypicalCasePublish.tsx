/**
 * 发布为典型案例: for a closed case, town and county centers (staff and leaders) publish it for the
 * county to learn from. The server anonymises everything (当事人甲/乙…, numbers masked, addresses
 * removed); the form says so. Validated with the domain's TypicalCaseInput.
 */
import { type CaseDoc, type Claims, TypicalCaseInput, mayPublishTypicalCase } from '@domain';
import { Alert, App as AntApp, Button, Form, Input, Modal, Tag, Typography } from 'antd';
import { getDoc } from 'firebase/firestore';
import { useState } from 'react';
import { call, callableFieldErrors, codeOfError, errorMessage } from '../../data/callables';
import { converters } from '../../data/convert';
import { useOnce } from '../../data/hooks';
import { countReads } from '../../data/meter';
import { docs } from '../../data/queries';
import { fb } from '../../firebase';
import { formatDateTime, useI18n } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { hrefFor } from '../../router';

export function canPublishTypical(claims: Claims, c: CaseDoc): boolean {
  return c.state === 'closed' && mayPublishTypicalCase(claims);
}

export function TypicalCasePublish({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [rev, setRev] = useState(0);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(c.title);
  const [lesson, setLesson] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Published already? (A missing document is unreadable under the rules: that means "not yet".)
  const existing = useOnce(`typical:${c.id}:${rev}`, async () => {
    try {
      const snap = await getDoc(docs.typicalCase(fb().db, c.id).withConverter(converters.typicalCase));
      countReads('typicalCase', 1);
      return snap.exists() ? snap.data() : null;
    } catch (e) {
      if (codeOfError(e) === 'permission-denied') return null;
      throw e;
    }
  });
  const published = existing?.status === 'ready' ? existing.data : null;

  const submit = async () => {
    setError(null);
    const parsed = TypicalCaseInput.safeParse({ caseId: c.id, title, lesson });
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale));
      return setError(t('form.fixErrors'));
    }
    setBusy(true);
    try {
      await call('publishTypicalCase', parsed.data);
      message.success(t('typical.published'));
      setOpen(false);
      setRev((n) => n + 1);
    } catch (e) {
      setErrors(callableFieldErrors(e));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});

  return (
    <div className="typical-publish" data-testid="typical-publish" data-published={published ? 'yes' : 'no'}>
      {published && (
        <Typography.Paragraph className="small">
          <Tag color="green">
            <span aria-hidden="true">✓ </span>
            {t('typical.isPublished')}
          </Tag>
          {t('typical.publishedAt', { time: formatDateTime(published.publishedAt, locale) })} ·{' '}
          <a href={hrefFor({ name: 'typical' })}>{t('typical.view')}</a>
        </Typography.Paragraph>
      )}
      <Button onClick={() => setOpen(true)} data-testid="publish-typical">
        {t(published ? 'typical.republish' : 'typical.publish')}
      </Button>
      <Modal open={open} title={t('typical.publish')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden width={560}>
        <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="typical-form">
          <Alert type="info" showIcon className="party-note" title={t('typical.privacy')} />
          <Form.Item label={t('typical.titleLabel')} required htmlFor="typical-title" {...err('title')}>
            <Input
              id="typical-title"
              value={title}
              maxLength={60}
              showCount
              onChange={(e) => setTitle(e.target.value)}
              data-testid="typical-title"
            />
          </Form.Item>
          <Form.Item label={t('typical.lesson')} required htmlFor="typical-lesson" extra={t('typical.lessonHint')} {...err('lesson')}>
            <Input.TextArea
              id="typical-lesson"
              value={lesson}
              maxLength={2000}
              showCount
              autoSize={{ minRows: 3, maxRows: 8 }}
              onChange={(e) => setLesson(e.target.value)}
              data-testid="typical-lesson"
            />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} role="alert" className="submit-error" data-testid="typical-error" />}
          <div className="form-buttons">
            <Button onClick={() => setOpen(false)} disabled={busy}>
              {t('form.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="typical-submit">
              {t('typical.submit')}
            </Button>
          </div>
        </Form>
      </Modal>
    </div>
  );
}
