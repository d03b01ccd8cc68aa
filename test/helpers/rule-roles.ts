// The claims of one person of each role around the demo county's first village and grid, and a
// neighbour of each (another grid, village, town and county), for rules tests that check every
// role: the same people in each file, so a rule's allow and deny read the same way everywhere.
export const C = '621126',
  T = '621126100',
  V = '621126100001',
  G = '621126100001001';
export const G2 = '621126100002001',
  V2 = '621126100002',
  T2 = '621126101';
export const D = '621126-police-minyang';
export const D2 = '621126-water';

export const ROLES = {
  grid: { r: 'grid_worker', u: G, c: C, t: T, v: V, g: G },
  otherGrid: { r: 'grid_worker', u: G2, c: C, t: T, v: V2, g: G2 },
  village: { r: 'village_staff', u: V, c: C, t: T, v: V },
  otherVillage: { r: 'village_staff', u: V2, c: C, t: T, v: V2 },
  town: { r: 'town_staff', u: T, c: C, t: T },
  townLeader: { r: 'leader', u: T, c: C, t: T },
  otherTown: { r: 'town_staff', u: T2, c: C, t: T2 },
  county: { r: 'county_staff', u: C, c: C },
  countyLeader: { r: 'leader', u: C, c: C },
  admin: { r: 'admin', u: C, c: C },
  otherCounty: { r: 'county_staff', u: '620102', c: '620102' },
  department: { r: 'department_officer', u: D, c: C, t: T, d: D },
  mediator: { r: 'mediator', u: T, c: C, t: T },
  resident: { r: 'resident', u: C, c: C },
};
