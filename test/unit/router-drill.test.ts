// The overview's drill-down URL (issue 16): #/dashboard/{city or county code} parses to the
// dashboard route with that unit, and back to the same link; anything else is not a unit.
import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from '../../web/src/router';

describe('#/dashboard/{code}', () => {
  it.each(['6211', '621123'])('%s: the dashboard of that unit, and the same link back', (code) => {
    const route = parseHash(`#/dashboard/${code}`);
    expect(route).toEqual({ name: 'dashboard', unit: code });
    expect(hrefFor(route)).toBe(`#/dashboard/${code}`);
  });
  it('without a code: the own unit', () => {
    expect(parseHash('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(hrefFor({ name: 'dashboard' })).toBe('#/dashboard');
  });
  it.each(['62', '62112', '621123100', 'abcd', '6211/x'])('%s is not a unit the overview drills into', (code) => {
    expect(parseHash(`#/dashboard/${code}`).name).toBe('notFound');
  });
});
