/**
 * The intake form's optional point (一张图): the phone's position (navigator.geolocation, asked
 * only on a tap, never required, never holding up the form) or a click on the map of the
 * village's grids. Sent as reportCase's `location`; stored with the parties, so only those who
 * read the case see it.
 */
import { toFeatureCollection } from '@domain';
import { Suspense, lazy, useMemo, useState } from 'react';
import { currentPoint } from '../../data/geo-position';
import { useGeoShapes } from '../../data/map-hooks';
import { useI18n } from '../../i18n';

const GeoChart = lazy(() => import('../../components/GeoChart'));

export type PickedLocation = { lat: number; lng: number; accuracy: number };

export function LocationPicker({
  villageId,
  value,
  onChange,
}: {
  villageId: string | undefined;
  value: PickedLocation | null | undefined;
  onChange: (v: PickedLocation | null) => void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<'idle' | 'locating' | 'failed'>('idle');
  const [mapOpen, setMapOpen] = useState(false);
  const shapes = useGeoShapes(mapOpen && villageId ? villageId : null);
  const doc = shapes?.status === 'ready' ? shapes.data : null;
  const geojson = useMemo(() => (doc ? toFeatureCollection(doc) : null), [doc]);
  const regions = useMemo(
    () =>
      doc
        ? Object.entries(doc.shapes).map(([code, e]) => ({ code, name: e.name, label: e.label, fill: null, figure: '', tooltip: e.name }))
        : [],
    [doc],
  );
  const locate = () => {
    setStatus('locating');
    void currentPoint().then((p) => {
      setStatus(p ? 'idle' : 'failed');
      if (p) onChange(p);
    });
  };
  return (
    <div className="location-picker" data-testid="report-location">
      <div className="map-actions">
        <button type="button" className="map-button" onClick={locate} disabled={status === 'locating'} data-testid="report-location-phone">
          {status === 'locating' ? t('report.location.locating') : t('report.location.phone')}
        </button>
        <button
          type="button"
          className="map-button"
          onClick={() => setMapOpen(!mapOpen)}
          disabled={!villageId}
          aria-expanded={mapOpen}
          data-testid="report-location-map"
        >
          {mapOpen ? t('report.location.closeMap') : t('report.location.map')}
        </button>
        {value ? (
          <button type="button" className="map-link" onClick={() => onChange(null)} data-testid="report-location-clear">
            {t('report.location.clear')}
          </button>
        ) : null}
      </div>
      <p className="map-hint" data-testid="report-location-value" data-lat={value?.lat ?? ''} data-lng={value?.lng ?? ''}>
        {value
          ? t('report.location.value', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5), m: value.accuracy })
          : status === 'failed'
            ? t('report.location.failed')
            : t('report.location.none')}
      </p>
      {mapOpen && geojson && doc ? (
        <Suspense fallback={<div className="map-placeholder">{t('app.loading')}</div>}>
          <GeoChart
            mapKey={`${doc.id}@${new Date(doc.updatedAt).getTime()}`}
            geojson={geojson}
            regions={regions}
            selected={null}
            onSelect={() => undefined}
            onPoint={([lng, lat]) => onChange({ lat, lng, accuracy: 0 })}
            height={280}
            label={t('report.location.map')}
          />
          {Object.values(doc.shapes).some((e) => e.schematic) ? <p className="map-hint">{t('map.schematic')}</p> : null}
        </Suspense>
      ) : mapOpen && shapes?.status === 'ready' && !doc ? (
        <p className="map-hint">{t('map.none')}</p>
      ) : null}
    </div>
  );
}
