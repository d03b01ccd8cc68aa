/**
 * Sign-in: email and password, or (residents) a phone number and SMS code — loaded only when
 * chosen (auth/PhoneSignIn.tsx); with the emulators, the demo accounts as one-click buttons.
 * Plain elements, no antd: this page is the first a grid worker's phone downloads (the budget of
 * the phone path, docs/console.md), and the one sign-in page for everyone.
 */
import type { DemoAccount } from '@seed/demo-county';
import { signInWithEmailAndPassword } from 'firebase/auth';
import { type FormEvent, Suspense, lazy, useEffect, useState } from 'react';
import { isFirebaseError } from '../data/callables';
import { fbCore } from '../firebase';
import { type MessageKey, type Translate, useI18n } from '../i18n/core';

// Phone sign-in (and its app verifier) loads only when the user chooses it.
const PhoneSignIn = lazy(() => import('../auth/PhoneSignIn'));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [method, setMethod] = useState<'email' | 'phone'>('email');
  const { emulator } = fbCore();
  // Phone sign-in: on the emulators, or where a deployment turned it on (docs/operations.md).
  const phoneSignIn = emulator || import.meta.env.VITE_PHONE_SIGN_IN === '1';

  const signIn = async (emailValue: string, passwordValue: string) => {
    const e = emailValue.trim();
    const errs = {
      email: !e ? t('login.emailRequired') : EMAIL.test(e) ? undefined : t('login.emailInvalid'),
      password: passwordValue ? undefined : t('login.passwordRequired'),
    };
    setFieldErrors(errs);
    if (errs.email || errs.password) return;
    setBusy(true);
    setError(null);
    try {
      await signInWithEmailAndPassword(fbCore().auth, e, passwordValue);
      // The boot switch (main.tsx) takes over from here.
    } catch (err) {
      setError(signInError(err, t));
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(email, password);
  };

  return (
    <div className="login">
      <div className="login-lang">
        <button
          type="button"
          className="lite-button lite-small"
          onClick={toggleLocale}
          data-testid="lang-toggle"
          aria-label={t('lang.toggleLabel')}
        >
          {t('lang.toggle')}
        </button>
      </div>
      <section className="lite-card login-card">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            枫
          </span>
          <div>
            <h1 className="login-title">{t('app.fullName')}</h1>
            <span className="lite-muted">{t('login.subtitle')}</span>
          </div>
        </div>
        {phoneSignIn && (
          <div className="lite-seg login-method" role="tablist">
            {(['email', 'phone'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={method === m}
                className={method === m ? 'lite-seg-item lite-seg-on' : 'lite-seg-item'}
                onClick={() => setMethod(m)}
                data-testid={`login-method-${m}`}
              >
                {t(m === 'email' ? 'find.login.byEmail' : 'find.login.byPhone')}
              </button>
            ))}
          </div>
        )}
        {method === 'phone' && (
          <Suspense fallback={<p className="lite-muted">{t('find.phone.loading')}</p>}>
            <PhoneSignIn />
          </Suspense>
        )}
        <form className="lite-form login-form" onSubmit={submit} noValidate hidden={method !== 'email'}>
          <label className="lite-field">
            <span className="lite-label">{t('login.email')}</span>
            <input
              className="lite-input"
              type="email"
              autoComplete="username"
              inputMode="email"
              value={email}
              disabled={busy}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={!!fieldErrors.email}
              data-testid="login-email"
            />
            {fieldErrors.email && <span className="field-error">{fieldErrors.email}</span>}
          </label>
          <label className="lite-field">
            <span className="lite-label">{t('login.password')}</span>
            <input
              className="lite-input"
              type="password"
              autoComplete="current-password"
              value={password}
              disabled={busy}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={!!fieldErrors.password}
              data-testid="login-password"
            />
            {fieldErrors.password && <span className="field-error">{fieldErrors.password}</span>}
          </label>
          {error && (
            <div className="lite-alert lite-alert-error login-error" data-testid="login-error" role="alert">
              {error}
            </div>
          )}
          <button type="submit" className="lite-button lite-primary lite-block" disabled={busy} data-testid="login-submit">
            {t('login.submit')}
          </button>
        </form>
      </section>
      {emulator && (
        <DemoAccounts
          disabled={busy}
          onPick={(a) => {
            setEmail(a.email);
            setPassword(a.password);
            void signIn(a.email, a.password);
          }}
        />
      )}
    </div>
  );
}

/** Demo accounts (emulator only). Loaded lazily so they are not part of the main bundle. */
function DemoAccounts({ onPick, disabled }: { onPick: (a: DemoAccount) => void; disabled: boolean }) {
  const { t } = useI18n();
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
    <section className="lite-card login-card demo-card" data-testid="demo-accounts">
      <h2 className="lite-card-title">{t('login.demoTitle')}</h2>
      <p className="lite-muted demo-hint">{t('login.demoHint')}</p>
      {!accounts && <span className="lite-muted">{t('login.demoLoading')}</span>}
      <div className="demo-grid">
        {accounts?.map((a) => (
          <button
            type="button"
            key={a.key}
            className="lite-button demo-button"
            onClick={() => onPick(a)}
            disabled={disabled}
            data-testid={`demo-login-${a.key}`}
            title={a.email}
          >
            <span className="demo-name">
              {a.displayName} <span className="lite-tag demo-role">{t(`role.${a.role}` as MessageKey)}</span>
            </span>
            <span className="demo-label">{a.label}</span>
            <span className="demo-action">{t('login.demoButton')}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
