/**
 * 手机验证码登录 (Firebase phone auth). Plain elements (no antd): part of the light sign-in page.
 *
 * The product rule: the console contacts no host but its own and Firebase's. Phone auth on a real
 * project needs an app verifier (reCAPTCHA, served from www.google.com, blocked in mainland
 * China), so this module — and any verifier — loads only when the user chooses phone sign-in,
 * never on a normal page. With the emulators the verifier is disabled for testing (the Auth
 * emulator accepts it and prints the code). For production the decision is in docs/operations.md
 * ("Phone sign-in"): an SMS provider behind a callable that issues custom tokens.
 * A new number then registers as a resident (auth/ResidentRegistration.tsx, in the console).
 */
import { type ConfirmationResult, RecaptchaVerifier, signInWithPhoneNumber } from 'firebase/auth';
import { type FormEvent, useRef, useState } from 'react';
import { isFirebaseError } from '../data/callables';
import { fbCore } from '../firebase';
import { type Translate, useI18n } from '../i18n/core';

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
      const { auth, emulator } = fbCore();
      // The emulators: no reCAPTCHA at all (the Auth emulator accepts the test verifier).
      if (emulator) auth.settings.appVerificationDisabledForTesting = true;
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
      // The session takes over: a known resident is signed in; a new number registers.
    } catch (e) {
      setError(phoneError(e, t));
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void (sent ? confirm() : send());
  };

  return (
    <form className="lite-form" data-testid="phone-form" onSubmit={submit} noValidate>
      <label className="lite-field">
        <span className="lite-label">{t('find.phone.number')}</span>
        <span className="lite-addon-row">
          <span className="lite-addon">+86</span>
          <input
            id="phone-number"
            className="lite-input"
            inputMode="tel"
            autoComplete="tel-national"
            maxLength={13}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            disabled={!!sent || busy}
            data-testid="phone-number"
          />
        </span>
      </label>
      {sent && (
        <label className="lite-field">
          <span className="lite-label">{t('find.phone.code')}</span>
          <input
            id="phone-code"
            className="lite-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            disabled={busy}
            data-testid="phone-code"
          />
          <span className="lite-help">{t('find.phone.sentTo', { phone })}</span>
        </label>
      )}
      {error && (
        <div className="lite-alert lite-alert-error" data-testid="phone-error" role="alert">
          {error}
        </div>
      )}
      <div ref={box} />
      <button
        type="submit"
        className="lite-button lite-primary lite-block"
        disabled={busy}
        data-testid={sent ? 'phone-confirm' : 'phone-send'}
      >
        {sent ? t('find.phone.signIn') : t('find.phone.send')}
      </button>
    </form>
  );
}
