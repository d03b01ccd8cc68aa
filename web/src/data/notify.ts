/**
 * Browser notifications for critical alerts while the console is open (no push service, no
 * service worker: the page's own live alert feed raises them). Permission is asked only when the
 * user clicks 开启桌面通知 on the alerts page, never on load.
 */
import type { AlertDoc } from '@domain';
import { useEffect, useRef } from 'react';
import { navigate } from '../router';

export type NotifyPermission = NotificationPermission | 'unsupported';

export const notificationPermission = (): NotifyPermission => ('Notification' in window ? Notification.permission : 'unsupported');

export async function requestNotifications(): Promise<NotifyPermission> {
  if (!('Notification' in window)) return 'unsupported';
  return Notification.requestPermission();
}

/**
 * Shows a desktop notification for each critical, unread alert that arrives while the console is
 * open (not for those already there when it loaded). A click opens the case.
 */
export function useCriticalNotifications(alerts: AlertDoc[], uid: string, ready: boolean) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!ready) return;
    if (seen.current === null) {
      seen.current = new Set(alerts.map((a) => a.id));
      return;
    }
    for (const a of alerts) {
      if (seen.current.has(a.id)) continue;
      seen.current.add(a.id);
      if (a.severity !== 'critical' || a.readBy.includes(uid) || notificationPermission() !== 'granted') continue;
      try {
        const n = new Notification(a.title, { body: a.body, tag: a.id, lang: 'zh-CN' });
        n.onclick = () => {
          window.focus();
          if (a.caseId) navigate({ name: 'case', id: a.caseId });
          n.close();
        };
      } catch (e) {
        console.warn('[fengqiao] notification', e);
      }
    }
  }, [alerts, uid, ready]);
}
