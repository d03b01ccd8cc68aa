/**
 * The grid worker's light frame on a phone (main.tsx's boot switch): the brand, who is signed in,
 * the outbox, the offline banner, the way into the full console, and the report form. Nothing
 * here needs antd or Firestore.
 */
import { signOut } from 'firebase/auth';
import type { Claims } from '@domain';
import type { User } from 'firebase/auth';
import { OfflineBanner, OutboxButton } from '../components/Outbox';
import { fbCore } from '../firebase';
import { useI18n } from '../i18n/core';
import { hrefFor } from '../router';
import PhoneReport from './PhoneReport';

export default function PhoneShell({ user, claims }: { user: User; claims: Claims }) {
  const { t, toggleLocale } = useI18n();
  return (
    <div className="phone-shell">
      <header className="phone-header">
        <a className="phone-brand" href={hrefFor({ name: 'home' })} data-testid="phone-console" title={t('phone.console')}>
          <span className="brand-mark" aria-hidden="true">
            枫
          </span>
          <span className="phone-brand-text">{t('phone.console')}</span>
        </a>
        <div className="header-user" data-testid="header-user">
          <span className="header-user-name" data-testid="header-user-name">
            {user.displayName ?? t('role.grid_worker')}
          </span>
        </div>
        <OutboxButton uid={user.uid} />
        <button
          type="button"
          className="lite-button lite-small"
          onClick={toggleLocale}
          data-testid="lang-toggle"
          aria-label={t('lang.toggleLabel')}
        >
          {t('lang.toggle')}
        </button>
        <button type="button" className="lite-button lite-small" onClick={() => void signOut(fbCore().auth)} data-testid="logout">
          {t('header.logout')}
        </button>
      </header>
      <OfflineBanner />
      <main className="phone-main">
        <PhoneReport claims={claims} />
      </main>
    </div>
  );
}
