/** A phone account without a role (a resident signed in by SMS for the first time): their name, then their account. */
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call, errorMessage } from '../data/callables';
import { fb } from '../firebase';
import { useI18n } from '../i18n';

export default function ResidentRegistration({ countyId }: { countyId?: string }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('registerResident', { displayName: name, ...(countyId ? { countyId } : {}) });
      // New claims: refresh the token now (the userMeta signal would do it a moment later).
      await fb().auth.currentUser?.getIdToken(true);
    } catch (e) {
      setError(errorMessage(e, t));
      setBusy(false);
    }
  };
  return (
    <div className="page page-narrow" data-testid="resident-register">
      <Typography.Title level={3}>{t('find.register.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('find.register.hint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit} disabled={busy} requiredMark={false}>
        <Form.Item label={t('find.register.name')} htmlFor="register-name">
          <Input id="register-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} data-testid="register-name" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" data-testid="register-error" className="submit-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">
          {t('find.register.submit')}
        </Button>
      </Form>
    </div>
  );
}
