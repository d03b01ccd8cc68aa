/**
 * 集中排查 in the console (issue 14): the county's campaigns, live (campaigns.byCounty), and a
 * campaign's progress by village, live — for a unit, its villages' documents (`units`
 * array-contains the unit); for a grid worker, their village's. Specs: ./query-specs.ts.
 */
import type { CampaignDoc, CampaignProgressDoc } from '@domain';
import {
  type DocumentData,
  type FirestoreDataConverter,
  type Query,
  type QueryDocumentSnapshot,
  collection,
  query,
  where,
} from 'firebase/firestore';
import { fb } from '../firebase';
import { toDates } from './convert';
import { useLiveQuery } from './hooks';

function reader<T>(): FirestoreDataConverter<T> {
  return {
    toFirestore() {
      throw new Error('the console never writes documents; use a callable');
    },
    fromFirestore: (snap: QueryDocumentSnapshot) => toDates(snap.data()) as T,
  };
}
const campaignConv = reader<CampaignDoc>();
const progressConv = reader<CampaignProgressDoc>();

/** campaigns.byCounty: every campaign of the county (tens a year). */
export const campaignsOfCountyQuery = (countyId: string): Query<DocumentData> =>
  query(collection(fb().db, 'campaigns'), where('countyId', '==', countyId));

/** campaignProgress.byUnit / campaignProgress.byVillage: a campaign's progress documents the caller reads. */
export function campaignProgressQuery(campaignId: string, scope: { unitId: string } | { villageId: string }): Query<DocumentData> {
  const col = collection(fb().db, 'campaignProgress');
  return 'unitId' in scope
    ? query(col, where('campaignId', '==', campaignId), where('units', 'array-contains', scope.unitId))
    : query(col, where('campaignId', '==', campaignId), where('villageId', '==', scope.villageId));
}

export function useCampaigns(countyId: string) {
  return useLiveQuery(countyId, 'campaigns.byCounty', () => campaignsOfCountyQuery(countyId).withConverter(campaignConv));
}

export function useCampaignProgress(campaignId: string | null, scope: { unitId: string } | { villageId: string }) {
  const key = campaignId ? `${campaignId}:${'unitId' in scope ? `u${scope.unitId}` : `v${scope.villageId}`}` : null;
  return useLiveQuery(key, 'unitId' in scope ? 'campaignProgress.byUnit' : 'campaignProgress.byVillage', () =>
    campaignProgressQuery(campaignId!, scope).withConverter(progressConv),
  );
}
