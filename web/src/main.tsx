/**
 * Boot: the active language's dictionary, then the switch (Firebase's app, Auth and Functions start
 * alongside) —
 * sign-in (light), the grid worker's phone report form (light: phone/), or the full console
 * (antd, Firestore; loaded on demand). A grid worker opening the report form on a phone gets it
 * before the console's bulk has downloaded (docs/console.md "Phone path").
 */
import { StrictMode, Suspense, lazy, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { type AuthState, useAuthState } from './auth/auth-state';
import { initCore, initFirebase, usesEmulators } from './firebase';
import { I18nProvider, activateLocale, initialLocale, loadDictionary, useI18n, withDictionary } from './i18n/core';
import LoginPage from './pages/LoginPage';
import PhoneShell from './phone/PhoneShell';
import { useRoute } from './router';
import './styles.css';
import './lite.css';

// The full console: Firestore's SDK, the console's code and its part of the dictionary, fetched together.
const FullApp = lazy(async () => {
  const [, m] = await Promise.all([initFirebase(), withDictionary(import('./app/App'), ['console'])]);
  return m;
});

const root = createRoot(document.getElementById('root')!);

function Loading() {
  const { t } = useI18n();
  return (
    <div className="full-page" role="status" data-testid="app-loading">
      <span className="lite-spinner" aria-hidden="true" />
      <span className="lite-muted">{t('app.loading')}</span>
    </div>
  );
}

/** The grid worker's report form, light, until the full console has been opened once. */
const phonePath = (auth: AuthState, route: ReturnType<typeof useRoute>) =>
  !!auth?.claims && auth.claims.r === 'grid_worker' && route.name === 'report';

function Boot() {
  const auth = useAuthState();
  const route = useRoute();
  // Once the full console is up, it stays (its own shell shows the phone form to grid workers).
  const [full, setFull] = useState(false);
  const wantsFull = auth !== undefined && auth !== null && !phonePath(auth, route);
  useEffect(() => {
    if (wantsFull) setFull(true);
  }, [wantsFull]);
  if (auth === undefined) return <Loading />;
  if (auth === null) return <LoginPage />;
  if (!full && !wantsFull && auth.claims) return <PhoneShell user={auth.user} claims={auth.claims} />;
  return (
    <Suspense fallback={<Loading />}>
      <FullApp />
    </Suspense>
  );
}

function BootError({ text, retry }: { text: string; retry: string }) {
  return (
    <div className="full-page" role="alert">
      <div className="lite-card boot-error">
        <p>{text}</p>
        <button type="button" className="lite-button lite-primary" onClick={() => location.reload()}>
          {retry}
        </button>
      </div>
    </div>
  );
}

const locale = initialLocale();
// On the emulators the sign-in page lists the demo accounts: fetch them alongside the start-up.
if (usesEmulators()) void import('@seed/demo-county');
// The first screen does not wait for Firebase: with no session in this browser, the sign-in page
// is on screen and takes input while the config arrives and Auth starts (a sign-in waits for it).
const started = initCore();
let failed = false;
const showError = async (e: unknown) => {
  failed = true;
  console.error('[fengqiao] start-up failed', e);
  const dict = await loadDictionary(locale).catch(() => null);
  root.render(<BootError text={dict?.['app.initError'] ?? '无法加载系统配置，请刷新页面重试。'} retry={dict?.['app.retry'] ?? '重试'} />);
};
started.catch(showError);
activateLocale(locale).then(() => {
  if (failed) return;
  root.render(
    <StrictMode>
      <I18nProvider>
        <Boot />
      </I18nProvider>
    </StrictMode>,
  );
}, showError);
