/**
 * Where the case happened (一张图, issue 16), on its page: the point reported with it (from the
 * phone, or placed on the map at intake) as coordinates, and a small map of its village's grids
 * with the point marked (the boundary document, when one is stored; the map chart is the lazily
 * loaded GeoChart of 一张图). The point lives with the parties (cases/{id}/private/parties): the
 * page shows this only when that document could be read, i.e. to those who handle the case.
 */
import { type GeoLocation, locatePoint, positionOf, toFeatureCollection } from '@domain';
import { Typography } from 'antd';
import { Suspense, lazy, useMemo } from 'react';
import { useGeoShapes } from '../../data/map-hooks';
import { useI18n } from '../../i18n';

const GeoChart = lazy(() => import('../../components/GeoChart'));

export function CasePoint({ location, villageId, gridId }: { location: GeoLocation; villageId: string | null; gridId: string | null }) {
  const { t } = useI18n();
  const shapes = useGeoShapes(villageId);
  const doc = shapes?.status === 'ready' ? shapes.data : null;
  const geojson = useMemo(() => (doc ? toFeatureCollection(doc) : null), [doc]);
  // The grid the point falls in (null: outside the village's shapes, or no shapes).
  const inGrid = useMemo(() => (doc ? locatePoint(positionOf(location), doc) : null), [doc, location]);
  const regions = useMemo(
    () =>
      doc
        ? Object.entries(doc.shapes).map(([code, e]) => ({
            code,
            name: e.name,
            label: e.label,
            fill: code === gridId ? '#dbe7fb' : null,
            figure: '',
            tooltip: e.name,
          }))
        : [],
    [doc, gridId],
  );
  const vars = { lat: location.lat.toFixed(5), lng: location.lng.toFixed(5), m: location.accuracy };
  return (
    <div className="case-location" data-testid="case-location" data-lat={location.lat} data-lng={location.lng} data-grid={inGrid ?? ''}>
      <Typography.Paragraph className="case-location-value" data-testid="case-location-value">
        {location.accuracy === 0 ? t('detail.location.placed', vars) : t('detail.location.value', vars)}
      </Typography.Paragraph>
      {shapes?.status === 'loading' ? (
        <div className="map-placeholder case-location-map">{t('app.loading')}</div>
      ) : geojson && doc ? (
        <Suspense fallback={<div className="map-placeholder case-location-map">{t('app.loading')}</div>}>
          <GeoChart
            mapKey={`${doc.id}@${new Date(doc.updatedAt).getTime()}`}
            geojson={geojson}
            regions={regions}
            selected={inGrid}
            onSelect={() => undefined}
            height={240}
            label={t('detail.location.map')}
            marker={{ lng: location.lng, lat: location.lat, label: t('detail.location.marker') }}
          />
          {inGrid ? null : <p className="map-hint">{t('detail.location.outside')}</p>}
          {Object.values(doc.shapes).some((e) => e.schematic) ? <p className="map-hint">{t('map.schematic')}</p> : null}
        </Suspense>
      ) : (
        // No shapes stored for the village, or not readable by this account (a department's officer).
        <p className="map-hint" data-testid="case-location-nomap">
          {t('detail.location.noMap')}
        </p>
      )}
      <p className="map-hint">{t('detail.location.note')}</p>
    </div>
  );
}
