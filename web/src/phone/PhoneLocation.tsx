/**
 * 附上位置 on the grid worker's phone form (一张图, issue 16): the phone's position, asked only on a
 * tap (data/geo-position), never required and never holding up 提交 — a report sent while the
 * phone is still locating goes without it. The point is part of the draft, so a report queued
 * offline carries it (the outbox keeps the checked payload). When the phone gives none, the
 * worker reads why in plain words. Plain elements: part of the phone's first download.
 */
import { useEffect, useRef, useState } from 'react';
import { type GeoPoint, type NoPositionReason, getPosition } from '../data/geo-position';
import { type MessageKey, useI18n } from '../i18n/core';

const WHY: Record<NoPositionReason, MessageKey> = {
  denied: 'report.location.denied',
  unavailable: 'report.location.unavailable',
  timeout: 'report.location.timeout',
  unsupported: 'report.location.unsupported',
  insecure: 'report.location.insecure',
};

export function PhoneLocation({
  value,
  onChange,
  formKey,
  disabled,
}: {
  value: GeoPoint | null | undefined;
  onChange: (v: GeoPoint | null) => void;
  /** The form's requestId: a position that arrives after the report was sent or reset is dropped. */
  formKey: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<{ status: 'idle' | 'locating' } | { status: 'failed'; reason: NoPositionReason }>({ status: 'idle' });
  const key = useRef(formKey);
  key.current = formKey;
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  // A new form (sent or reset): no message from the last one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the form changes
  useEffect(() => setState({ status: 'idle' }), [formKey]);

  const locate = () => {
    const asked = formKey;
    setState({ status: 'locating' });
    void getPosition().then((r) => {
      if (!live.current || key.current !== asked) return;
      if (r.ok) {
        setState({ status: 'idle' });
        onChange(r.point);
      } else setState({ status: 'failed', reason: r.reason });
    });
  };

  const text = value
    ? t('report.location.value', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5), m: value.accuracy })
    : state.status === 'failed'
      ? t(WHY[state.reason])
      : state.status === 'locating'
        ? t('report.location.locatingHint')
        : t('report.location.none');
  return (
    <div className="lite-field" data-testid="report-location" data-state={value ? 'set' : state.status}>
      <span className="lite-label" id="report-location-label">
        {t('report.location')}
      </span>
      <div className="lite-location">
        <button
          type="button"
          className="lite-button"
          onClick={locate}
          disabled={disabled || state.status === 'locating'}
          aria-describedby="report-location-value"
          data-testid="report-location-phone"
        >
          {state.status === 'locating' ? t('report.location.locating') : value ? t('report.location.again') : t('report.location.attach')}
        </button>
        {value ? (
          <button
            type="button"
            className="lite-button lite-small lite-link"
            onClick={() => onChange(null)}
            disabled={disabled}
            data-testid="report-location-clear"
          >
            {t('report.location.clear')}
          </button>
        ) : null}
      </div>
      <span
        id="report-location-value"
        className={state.status === 'failed' && !value ? 'lite-help lite-warn' : 'lite-help'}
        role="status"
        data-testid="report-location-value"
        data-lat={value?.lat ?? ''}
        data-lng={value?.lng ?? ''}
        data-reason={state.status === 'failed' ? state.reason : ''}
      >
        {text}
      </span>
    </div>
  );
}
