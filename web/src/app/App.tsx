/** Providers (i18n, antd locale/theme, session) and the top-level switch: sign-in or shell. */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { SessionProvider, useSession } from '../auth/session';
import { I18nProvider, useI18n } from '../i18n';
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

export function App() {
  return (
    <I18nProvider>
      <Themed>
        <SessionProvider>
          <Root />
        </SessionProvider>
      </Themed>
    </I18nProvider>
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
