import { SUPPORT_DIRECTORY } from '@hub/shared';
import type { CareNeed } from './care-need';
import { matchService, type DirectoryService } from './match-service';

/** A directory entry as the graph returns it, with live capacity as each operator reports it. */
function service(id: string, live: { places?: number | null; interpreter?: boolean } = {}): DirectoryService {
  const entry = SUPPORT_DIRECTORY.find((s) => s.id === id)!;
  const places = live.places === undefined ? 3 : live.places;
  return {
    id,
    name: entry.name,
    provider: entry.providerOrg,
    serviceType: entry.serviceType,
    eligibility: { ...entry.eligibility, genders: [...entry.eligibility.genders] },
    capacity: { total: entry.capacityTotal, available: entry.operator === 'ngo' ? places : entry.capacityTotal },
    coverage: entry.coverage,
    referralRoute: entry.referralRoute,
    receptionCentre: entry.serviceType === 'RECEPTION_CENTRE' && places !== null ? { bedsAvailable: places, acceptsChildren: false } : null,
    healthService:
      entry.serviceType === 'HEALTH' && places !== null ? { slotsAvailable: places, interpreterAvailable: live.interpreter ?? true } : null,
  };
}

// SUBJ-000001's situation and SUBJ-000002's, as a caseworker would describe them.
const POLISH_MAN: CareNeed = {
  age: 34,
  gender: 'MALE',
  nrmStage: 'POSITIVE_RG',
  languages: ['Polish'],
  area: 'Birmingham',
  serviceTypes: [],
};
const VIETNAMESE_GIRL: CareNeed = {
  age: 15,
  gender: 'FEMALE',
  nrmStage: 'REFERRED',
  languages: ['Vietnamese'],
  area: 'Birmingham',
  serviceTypes: [],
};

describe('matchService: need × directory entry → can take now, and why not', () => {
  it.each([
    [POLISH_MAN, 'adavu-long-term', {}, true, []],
    [POLISH_MAN, 'refuge-modern-slavery', {}, true, []],
    [
      POLISH_MAN,
      'hope-at-home-hosting',
      {},
      false,
      ['needs NRM stage POSITIVE_CG or NEGATIVE_CG (the person is at POSITIVE_RG)', 'works in English only'],
    ],
    [POLISH_MAN, 'sophie-hayes-day-46', {}, false, ['takes female survivors only', 'works in English only']],
    [POLISH_MAN, 'barnardos-icta', {}, false, ['takes people up to age 17', 'works in English, Vietnamese, Albanian only']],
    [
      POLISH_MAN,
      'salvation-army-connect-coventry',
      {},
      false,
      [
        'needs NRM stage POSITIVE_CG (the person is at POSITIVE_RG)',
        'works in English only',
        'does not cover Birmingham (covers Coventry, Warwickshire)',
      ],
    ],
    [POLISH_MAN, 'bsol-safeguarding-clinic', {}, true, []],
    [POLISH_MAN, 'bsol-safeguarding-clinic', { interpreter: false }, false, ['works in English only']],
    [POLISH_MAN, 'adavu-long-term', { places: 0 }, false, ['has no place free now']],
    [
      POLISH_MAN,
      'bcc-reception-centre',
      { places: null },
      false,
      ['works in English only', 'its live capacity is not available right now'],
    ],
    [VIETNAMESE_GIRL, 'barnardos-icta', {}, true, []],
    [
      VIETNAMESE_GIRL,
      'bcc-reception-centre',
      {},
      false,
      ['takes people aged 18 and over', 'works in English only', 'does not accept children'],
    ],
    [VIETNAMESE_GIRL, 'refuge-modern-slavery', {}, false, ['takes people aged 18 and over']],
  ] as const)('%# %o at %s (%o) → can take now %s, reasons %j', (need, id, live, canTakeNow, reasons) => {
    const option = matchService(service(id, live), need);
    expect(option.canTakeNow).toBe(canTakeNow);
    expect(option.reasons).toEqual(reasons);
  });

  it('checks a language only when the need names one', () => {
    expect(matchService(service('hope-at-home-hosting'), { ...POLISH_MAN, nrmStage: 'POSITIVE_CG', languages: [] }).canTakeNow).toBe(true);
  });
});
