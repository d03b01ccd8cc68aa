/** 一张图 page (#/map): the viewer's territory on a map, drilled down by clicking (./MapView.tsx). */
import { Typography } from 'antd';
import { useSignedIn } from '../../auth/session';
import { kindOfUnit, useEntityName } from '../../data/hooks';
import { useI18n } from '../../i18n';
import { MapView } from './MapView';

export default function MapPage() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const name = useEntityName(kindOfUnit(claims.u), claims.u);
  return (
    <div className="page map-page" data-testid="map-page">
      <Typography.Title level={2} className="page-title">
        {t('map.title')}
      </Typography.Title>
      {name === undefined ? null : <MapView rootUnit={claims.u} rootName={name ?? ''} countyId={claims.c} viewerUnit={claims.u} />}
    </div>
  );
}
