import { Button, Result } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, Themed } from './app/App';
import { initFirebase } from './firebase';
import { I18nProvider, useI18n } from './i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

function BootError() {
  const { t } = useI18n();
  return (
    <div className="full-page">
      <Result
        status="error"
        title={t('app.initError')}
        extra={
          <Button type="primary" onClick={() => location.reload()}>
            {t('app.retry')}
          </Button>
        }
      />
    </div>
  );
}

initFirebase().then(
  () =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  (e: unknown) => {
    console.error('[fengqiao] Firebase initialisation failed', e);
    root.render(
      <I18nProvider>
        <Themed>
          <BootError />
        </Themed>
      </I18nProvider>,
    );
  },
);
