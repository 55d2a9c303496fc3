import type { AttendanceKind, SafeguardingFlagKind } from '../entities/nhs.enums';

/** What the trust records about one patient, before ids are assigned. */
export interface HealthFacts {
  /** Names the patient gave besides their birth name. */
  knownAs: string[];
  /** Oldest first. */
  attendances: AttendanceFact[];
  flags: FlagFact[];
}

export interface AttendanceFact {
  attendedOn: string;
  site: string;
  kind: AttendanceKind;
  indicators: string[];
  notes: string | null;
}

export interface FlagFact {
  kind: SafeguardingFlagKind;
  raisedOn: string;
  active: boolean;
  raisedBy: string;
}
