/**
 * 手机验证码登录 (Firebase phone auth) and, for a new number, the resident's registration.
 *
 * The product rule: the console contacts no host but its own and Firebase's. Phone auth on a real
 * project needs an app verifier (reCAPTCHA, served from www.google.com, blocked in mainland
 * China), so this module — and any verifier — loads only when the user chooses phone sign-in,
 * never on a normal page. With the emulators the verifier is disabled for testing (the Auth
 * emulator accepts it and prints the code). For production the decision is in docs/operations.md
 * ("Phone sign-in"): an SMS provider behind a callable that issues custom tokens.
 */
import { Alert, Button, Form, Input, Typography } from 'antd';
import { type ConfirmationResult, RecaptchaVerifier, signInWithPhoneNumber } from 'firebase/auth';
import { useRef, useState } from 'react';
import { call, errorMessage, isFirebaseError } from '../data/callables';
import { fb } from '../firebase';
import { type Translate, useI18n } from '../i18n';

const MOBILE = /^1\d{10}$/;

function phoneError(e: unknown, t: Translate): string {
  const code = isFirebaseError(e) ? e.code : '';
  switch (code) {
    case 'auth/invalid-verification-code':
    case 'auth/code-expired':
      return t('find.phone.badCode');
    case 'auth/invalid-phone-number':
      return t('find.phone.badNumber');
    case 'auth/too-many-requests':
      return t('login.tooMany');
    case 'auth/network-request-failed':
      return t('login.network');
    default:
      return t('login.failed', { message: e instanceof Error ? e.message : String(e) });
  }
}

export default function PhoneSignIn() {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<ConfirmationResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const verifier = useRef<RecaptchaVerifier | null>(null);

  const send = async () => {
    const p = phone.replace(/[\s-]/g, '');
    if (!MOBILE.test(p)) return setError(t('find.phone.badNumber'));
    setBusy(true);
    setError(null);
    try {
      const auth = fb().auth;
      // The emulators: no reCAPTCHA at all (the Auth emulator accepts the test verifier).
      if (fb().emulator) auth.settings.appVerificationDisabledForTesting = true;
      verifier.current ??= new RecaptchaVerifier(auth, box.current!, { size: 'invisible' });
      setSent(await signInWithPhoneNumber(auth, `+86${p}`, verifier.current));
    } catch (e) {
      setError(phoneError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!sent) return;
    if (!/^\d{6}$/.test(code.trim())) return setError(t('find.phone.badCode'));
    setBusy(true);
    setError(null);
    try {
      await sent.confirm(code.trim());
      // The session takes over: a known resident is signed in; a new number registers (below).
    } catch (e) {
      setError(phoneError(e, t));
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" requiredMark={false} disabled={busy} className="login-form" data-testid="phone-form">
      <Form.Item label={t('find.phone.number')} htmlFor="phone-number">
        <Input
          id="phone-number"
          addonBefore="+86"
          inputMode="tel"
          autoComplete="tel-national"
          maxLength={13}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          disabled={!!sent || busy}
          data-testid="phone-number"
        />
      </Form.Item>
      {sent && (
        <Form.Item label={t('find.phone.code')} htmlFor="phone-code" extra={t('find.phone.sentTo', { phone })}>
          <Input
            id="phone-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="phone-code"
          />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon title={error} className="login-error" data-testid="phone-error" role="alert" />}
      <div ref={box} />
      {sent ? (
        <Button type="primary" block loading={busy} onClick={confirm} data-testid="phone-confirm">
          {t('find.phone.signIn')}
        </Button>
      ) : (
        <Button type="primary" block loading={busy} onClick={send} data-testid="phone-send">
          {t('find.phone.send')}
        </Button>
      )}
    </Form>
  );
}

/** A phone account without a role: the resident gives their name and gets their account. */
export function ResidentRegistration({ countyId }: { countyId?: string }) {
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
