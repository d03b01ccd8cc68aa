/**
 * The full console: antd locale/theme, session, and the switch between sign-in and the shell.
 * Loaded by main.tsx's boot switch (inside its I18nProvider) for every page but the grid
 * worker's phone report form.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { SessionProvider, useSession } from '../auth/session';
import { useI18n, useZodLocale } from '../i18n';
import LoginPage from '../pages/LoginPage';
import { Shell } from './Shell';

export const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", Roboto, sans-serif',
  },
};

export function Themed({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? antdZh : antdEn} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  useZodLocale();
  return (
    <Themed>
      <SessionProvider>
        <Root />
      </SessionProvider>
    </Themed>
  );
}

function Root() {
  const { t } = useI18n();
  const { session } = useSession();
  if (session.status === 'loading') {
    return (
      <div className="full-page" role="status" data-testid="app-loading">
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  }
  if (session.status === 'signedOut') return <LoginPage />;
  return <Shell />;
}
