import { ageOn, dateWithinDays, type DemoSubject, type Prng } from '@hub/shared';
import { AttendanceKind, SafeguardingFlagKind } from '../entities/nhs.enums';
import type { AttendanceFact, FlagFact, HealthFacts } from './health-facts';
import {
  CHILD_FLAG_RAISER,
  CHILDREN_EMERGENCY_SITE,
  CONCERN_NOTES,
  FLAG_RAISERS,
  GENERAL_INDICATORS,
  INDICATORS_BY_EXPLOITATION,
  ROUTINE_NOTES,
  SITES,
} from './health-vocabulary';

/** The health record of a generated subject the NHS knows: 1–3 attendances, flags for some victims. */
export function generatedHealth(prng: Prng, subject: DemoSubject): HealthFacts {
  const child = ageOn(subject.dateOfBirth) < 18;
  const victim = subject.kind === 'VICTIM';
  const attendances = Array.from({ length: prng.int(1, 3) }, () => generatedAttendance(prng, subject, child, victim)).sort((a, b) =>
    a.attendedOn.localeCompare(b.attendedOn),
  );
  const concern = attendances.find((a) => a.indicators.length > 0);
  return {
    knownAs: subject.aliases.length > 0 && prng.chance(0.3) ? [subject.aliases[0]!] : [],
    attendances,
    flags: concern && prng.chance(child ? 0.9 : 0.6) ? flagsFor(prng, subject, child, concern) : [],
  };
}

function generatedAttendance(prng: Prng, subject: DemoSubject, child: boolean, victim: boolean): AttendanceFact {
  const kind = attendanceKind(prng, subject, child);
  const site = kind === AttendanceKind.A_AND_E && child ? CHILDREN_EMERGENCY_SITE : prng.pick(SITES[kind]);
  // Only victims show signs of exploitation; the others are ordinary patients.
  const indicators = victim && prng.chance(0.7) ? indicatorsFor(prng, subject) : [];
  return { attendedOn: dateWithinDays(prng, 720), site, kind, indicators, notes: notesFor(prng, kind, indicators.length > 0) };
}

/** Clinicians write more when something worried them; many routine contacts have no notes. */
function notesFor(prng: Prng, kind: AttendanceKind, concerned: boolean): string | null {
  if (concerned) return prng.chance(0.6) ? prng.pick(CONCERN_NOTES[kind]) : null;
  return prng.chance(0.2) ? prng.pick(ROUTINE_NOTES) : null;
}

function attendanceKind(prng: Prng, subject: DemoSubject, child: boolean): AttendanceKind {
  const canBeMaternity = subject.gender === 'FEMALE' && ageOn(subject.dateOfBirth) >= 16;
  const sexual = subject.exploitation === 'SEXUAL';
  const weights: [AttendanceKind, number][] = [
    [AttendanceKind.A_AND_E, child || subject.exploitation === 'CRIMINAL' ? 50 : 30],
    [AttendanceKind.WALK_IN, subject.exploitation === 'LABOUR' ? 25 : 15],
    [AttendanceKind.GP_REGISTRATION, child ? 10 : 30],
    [AttendanceKind.SEXUAL_HEALTH, sexual ? 45 : 5],
    [AttendanceKind.MATERNITY, canBeMaternity ? (sexual ? 15 : 8) : 0],
  ];
  return prng.weighted(weights);
}

/** One to three distinct indicators, mostly those typical of the subject's exploitation. */
function indicatorsFor(prng: Prng, subject: DemoSubject): string[] {
  const typical = subject.exploitation ? INDICATORS_BY_EXPLOITATION[subject.exploitation] : [];
  const chosen = new Set<string>();
  const wanted = prng.int(1, 3);
  while (chosen.size < wanted) chosen.add(prng.pick(prng.chance(0.6) && typical.length > 0 ? typical : GENERAL_INDICATORS));
  return [...chosen];
}

function flagsFor(prng: Prng, subject: DemoSubject, child: boolean, concern: AttendanceFact): FlagFact[] {
  const raisedOn = concern.attendedOn;
  const raisedBy = child ? CHILD_FLAG_RAISER : FLAG_RAISERS[concern.kind];
  const flags: FlagFact[] = [
    {
      kind: child ? SafeguardingFlagKind.CHILD_PROTECTION : SafeguardingFlagKind.MODERN_SLAVERY_CONCERN,
      raisedOn,
      active: prng.chance(0.85),
      raisedBy,
    },
  ];
  if (!child && subject.exploitation === 'SEXUAL' && prng.chance(0.3)) {
    flags.push({ kind: SafeguardingFlagKind.DOMESTIC_ABUSE, raisedOn, active: prng.chance(0.85), raisedBy });
  } else if (!child && subject.exploitation === 'DOMESTIC_SERVITUDE' && prng.chance(0.4)) {
    flags.push({ kind: SafeguardingFlagKind.ADULT_AT_RISK, raisedOn, active: prng.chance(0.85), raisedBy });
  }
  return flags;
}
