/**
 * One way to run a user's action: busy while it runs, a success message, then `after`; a refused
 * call's message (plain Chinese, data/callables.ts errorMessage) is kept for the card or form to show.
 */
import { App as AntApp } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../data/callables';
import { useI18n } from '../i18n';

export function useAction() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T>(send: () => Promise<T>, done: string | ((result: T) => string), after?: (result: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      const result = await send();
      message.success(typeof done === 'function' ? done(result) : done);
      after?.(result);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
