/** 法院收案数 (分流率 input) for administrators. */
import { CourtFilingForm } from '../legal/CourtFilingForm';

export default function CourtsTab() {
  return <CourtFilingForm />;
}
