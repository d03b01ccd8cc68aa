/**
 * Sign-in: email and password, or (residents) a phone number and SMS code — loaded only when
 * chosen (auth/PhoneSignIn.tsx); with the emulators, the demo accounts as one-click buttons.
 */
import type { DemoAccount } from '@seed/demo-county';
import { Alert, Button, Card, Form, Input, Segmented, Spin, Tag, Typography } from 'antd';
import { signInWithEmailAndPassword } from 'firebase/auth';
import { Suspense, lazy, useEffect, useState } from 'react';
import { isFirebaseError } from '../data/callables';
import { fb } from '../firebase';
import { type Translate, useI18n, useLabels } from '../i18n';

// Phone sign-in (and its app verifier) loads only when the user chooses it.
const PhoneSignIn = lazy(() => import('../auth/PhoneSignIn'));

interface Credentials {
  email: string;
  password: string;
}

function signInError(e: unknown, t: Translate): string {
  const code = isFirebaseError(e) ? e.code : '';
  switch (code) {
    case 'auth/invalid-credential':
    case 'auth/invalid-login-credentials':
    case 'auth/wrong-password':
    case 'auth/user-not-found':
    case 'auth/invalid-email':
      return t('login.badCredentials');
    case 'auth/too-many-requests':
      return t('login.tooMany');
    case 'auth/network-request-failed':
      return t('login.network');
    case 'auth/user-disabled':
      return t('login.disabled');
    default:
      return t('login.failed', { message: e instanceof Error ? e.message : String(e) });
  }
}

export default function LoginPage() {
  const { t, toggleLocale } = useI18n();
  const [form] = Form.useForm<Credentials>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [method, setMethod] = useState<'email' | 'phone'>('email');
  const emulator = fb().emulator;
  // Phone sign-in: on the emulators, or where a deployment turned it on (docs/operations.md).
  const phoneSignIn = emulator || import.meta.env.VITE_PHONE_SIGN_IN === '1';

  const signIn = async ({ email, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await signInWithEmailAndPassword(fb().auth, email.trim(), password);
      // The session provider takes over from here.
    } catch (e) {
      setError(signInError(e, t));
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <div className="login-lang">
        <Button size="small" onClick={toggleLocale} data-testid="lang-toggle" aria-label={t('lang.toggleLabel')}>
          {t('lang.toggle')}
        </Button>
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            枫
          </span>
          <div>
            <Typography.Title level={3} className="login-title">
              {t('app.fullName')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
        </div>
        {phoneSignIn && (
          <Segmented
            block
            value={method}
            onChange={(v) => setMethod(v as 'email' | 'phone')}
            options={[
              { value: 'email', label: <span data-testid="login-method-email">{t('find.login.byEmail')}</span> },
              { value: 'phone', label: <span data-testid="login-method-phone">{t('find.login.byPhone')}</span> },
            ]}
            className="login-method"
          />
        )}
        {method === 'phone' && (
          <Suspense fallback={<Spin description={t('find.phone.loading')} />}>
            <PhoneSignIn />
          </Suspense>
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={signIn}
          requiredMark={false}
          disabled={busy}
          className="login-form"
          hidden={method !== 'email'}
        >
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, message: t('login.emailRequired') },
              { type: 'email', message: t('login.emailInvalid') },
            ]}
          >
            <Input type="email" autoComplete="username" inputMode="email" autoFocus data-testid="login-email" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} className="login-error" data-testid="login-error" role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      {emulator && (
        <DemoAccounts
          disabled={busy}
          onPick={(a) => {
            form.setFieldsValue({ email: a.email, password: a.password });
            form.submit();
          }}
        />
      )}
    </div>
  );
}

/** Demo accounts (emulator only). Loaded lazily so they are not part of the main bundle. */
function DemoAccounts({ onPick, disabled }: { onPick: (a: DemoAccount) => void; disabled: boolean }) {
  const { t } = useI18n();
  const l = useLabels();
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(null);
  useEffect(() => {
    let live = true;
    import('@seed/demo-county').then(
      (m) => live && setAccounts(m.DEMO_ACCOUNTS),
      (e: unknown) => console.warn('[fengqiao] demo accounts', e),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <Card className="login-card demo-card" title={t('login.demoTitle')} size="small" data-testid="demo-accounts">
      <Typography.Paragraph type="secondary" className="demo-hint">
        {t('login.demoHint')}
      </Typography.Paragraph>
      {!accounts && <Typography.Text type="secondary">{t('login.demoLoading')}</Typography.Text>}
      <div className="demo-grid">
        {accounts?.map((a) => (
          <Button
            key={a.key}
            className="demo-button"
            onClick={() => onPick(a)}
            disabled={disabled}
            data-testid={`demo-login-${a.key}`}
            title={a.email}
          >
            <span className="demo-name">
              {a.displayName} <Tag className="demo-role">{l.role(a.role)}</Tag>
            </span>
            <span className="demo-label">{a.label}</span>
            <span className="demo-action">{t('login.demoButton')}</span>
          </Button>
        ))}
      </div>
    </Card>
  );
}
