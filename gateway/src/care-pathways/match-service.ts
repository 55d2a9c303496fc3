import { areasCovering } from '@hub/shared';
import type { CareNeed } from './care-need';

/** A directory entry as the care pathway reads it from the federated graph. */
export interface DirectoryService {
  id: string;
  name: string | null;
  provider: string | null;
  serviceType: string | null;
  eligibility: {
    minAge: number | null;
    maxAge: number | null;
    genders: string[] | null;
    nrmStages: string[] | null;
    languages: string[] | null;
    requirements: string[] | null;
  } | null;
  capacity: { total: number | null; available: number | null } | null;
  coverage: string[] | null;
  referralRoute: string | null;
  receptionCentre: { bedsAvailable: number | null; acceptsChildren: boolean | null } | null;
  healthService: { slotsAvailable: number | null; interpreterAvailable: boolean | null } | null;
}

export interface CareOption {
  eligible: boolean;
  /** Places free now, from the partner that runs the service; null when it could not say. */
  placesAvailable: number | null;
  canTakeNow: boolean;
  /** Why it cannot take them, or what to know: each a sentence a caseworker can act on. */
  reasons: string[];
}

/**
 * Decides one service for one need: every eligibility criterion is checked and every failure
 * is named (a caseworker needs all the reasons, not the first), then live capacity from the
 * partner that runs it — the council's beds, the NHS clinic's slots, the charity's places. No
 * capacity figure means no "can take now": the pathway never promises a place it cannot see.
 */
export function matchService(service: DirectoryService, need: CareNeed): CareOption {
  const reasons: string[] = [];
  const e = service.eligibility;
  if (!e) reasons.push('its eligibility criteria are not available right now');
  if (e?.minAge != null && need.age < e.minAge) reasons.push(`takes people aged ${e.minAge} and over`);
  if (e?.maxAge != null && need.age > e.maxAge) reasons.push(`takes people up to age ${e.maxAge}`);
  if (e?.genders && !e.genders.includes(need.gender))
    reasons.push(`takes ${e.genders.map((g) => g.toLowerCase()).join(' and ')} survivors only`);
  if (e?.nrmStages && !e.nrmStages.includes(need.nrmStage))
    reasons.push(`needs NRM stage ${e.nrmStages.join(' or ')} (the person is at ${need.nrmStage})`);
  const spoken = new Set(need.languages.map((l) => l.toLowerCase()));
  const shared = (e?.languages ?? []).filter((l) => spoken.has(l.toLowerCase()));
  const interpreter = service.healthService?.interpreterAvailable === true;
  if (e?.languages && spoken.size > 0 && shared.length === 0 && !interpreter) reasons.push(`works in ${e.languages.join(', ')} only`);
  if (service.receptionCentre && service.receptionCentre.acceptsChildren === false && need.age < 18)
    reasons.push('does not accept children');
  const covering = new Set(areasCovering(need.area));
  if (!(service.coverage ?? []).some((area) => covering.has(area.toLowerCase())))
    reasons.push(`does not cover ${need.area} (covers ${(service.coverage ?? []).join(', ') || 'nowhere listed'})`);
  const eligible = reasons.length === 0;

  const placesAvailable = livePlaces(service);
  if (placesAvailable === null) reasons.push('its live capacity is not available right now');
  else if (placesAvailable === 0) reasons.push('has no place free now');
  return { eligible, placesAvailable, canTakeNow: eligible && placesAvailable !== null && placesAvailable > 0, reasons };
}

/** The capacity of the partner that runs the service: beds, clinic slots, or the charity's places. */
function livePlaces(service: DirectoryService): number | null {
  if (service.serviceType === 'RECEPTION_CENTRE') return service.receptionCentre?.bedsAvailable ?? null;
  if (service.serviceType === 'HEALTH') return service.healthService?.slotsAvailable ?? null;
  return service.capacity?.available ?? null;
}
