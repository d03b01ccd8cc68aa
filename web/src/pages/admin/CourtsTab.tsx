/** 法院收案数 (分流率 input) for administrators; a city's or province's reads a county's (issue 16). */
import { useSignedIn } from '../../auth/session';
import { useI18n } from '../../i18n';
import { CourtFilingForm } from '../legal/CourtFilingForm';
import { PickCountyFirst, UpperCountyBar, useTabCounty } from './common';

export default function CourtsTab() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const county = useTabCounty(claims);
  if (!county.upper) return <CourtFilingForm />;
  return (
    <div data-testid="admin-courts">
      <UpperCountyBar claims={claims} county={county} what={t('admin.upper.what.courts')} />
      {county.countyId === null ? <PickCountyFirst /> : <CourtFilingForm key={county.countyId} countyId={county.countyId} readOnly />}
    </div>
  );
}
