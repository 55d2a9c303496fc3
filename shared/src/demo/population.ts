import { COUNCIL_ORG, NHS_ORG, POLICE_ORG } from '../config/organisations';
import { FIXED_PROPERTIES, FIXED_SUBJECTS } from './fixed-subjects';
import { NAMES, STREETS } from './names';
import { Prng } from './prng';

/**
 * The demo population every partner's seed is cut from. Generated once per (scale, seed),
 * deterministically, so that police, council, NHS and NGO rows describe the same people.
 * Shapes follow the West Midlands referrals (docs/sources.md#the-intelligence-profile): of 79 referrals 35 Polish and 11 Romanian,
 * 45 labour and 21 sexual exploitation, 48 male, 67 adults, victims in multi-occupancy houses.
 */

/** Ages are computed against this date, so the same seed gives the same data any day. */
export const DEMO_REFERENCE_DATE = '2026-11-01';

export type SubjectKind = 'VICTIM' | 'SUSPECT' | 'ASSOCIATE';
export type Gender = 'MALE' | 'FEMALE';
export type Exploitation = 'LABOUR' | 'SEXUAL' | 'CRIMINAL' | 'DOMESTIC_SERVITUDE';
export type PropertyKind = 'HMO' | 'HOUSE' | 'FLAT' | 'NAIL_BAR' | 'CAR_WASH' | 'SAFE_HOUSE';

export interface DemoSubject {
  id: string;
  givenName: string;
  familyName: string;
  aliases: string[];
  dateOfBirth: string;
  gender: Gender;
  nationality: string;
  kind: SubjectKind;
  exploitation: Exploitation | null;
  uprn: string;
  /** A safe-house address: rule 8 restricts who may see it. */
  addressRestricted: boolean;
  knownToPolice: boolean;
  nrm: { referredOn: string; reasonableGrounds: Grounds; conclusiveGrounds: Grounds } | null;
  council: { housing: boolean; adultCare: boolean; childrenCare: { section47: boolean } | null } | null;
  knownToNhs: boolean;
  /** NGO support: the provider organisation and whom the survivor consented to share with. */
  support: { providerOrg: string; consentRecipients: string[] | null } | null;
}

export type Grounds = 'PENDING' | 'POSITIVE' | 'NEGATIVE';

export interface DemoProperty {
  uprn: string;
  line1: string;
  postcode: string;
  kind: PropertyKind;
  hmoLicensed: boolean;
  maxOccupants: number | null;
  landlordSubjectId: string | null;
}

export interface Population {
  seed: string;
  scale: number;
  referenceDate: string;
  subjects: DemoSubject[];
  properties: DemoProperty[];
}

export function subjectId(index: number): string {
  return `SUBJ-${String(index).padStart(6, '0')}`;
}

export function uprnOf(index: number): string {
  return String(100070000000 + index);
}

export function ageOn(dateOfBirth: string, on: string = DEMO_REFERENCE_DATE): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function generatePopulation(options: { scale: number; seed?: string }): Population {
  const seed = options.seed ?? 'partner-hub';
  const scale = Math.max(options.scale, FIXED_SUBJECTS.length);
  const prng = new Prng(`${seed}:population`);
  const propertyCount = Math.max(FIXED_PROPERTIES.length + 6, Math.ceil(scale / 3));

  const properties: DemoProperty[] = [...FIXED_PROPERTIES];
  for (let i = properties.length + 1; i <= propertyCount; i++) properties.push(generateProperty(prng, i));

  const homes: Homes = {
    safeHouses: properties.filter((p) => p.kind === 'SAFE_HOUSE'),
    hmos: properties.filter((p) => p.kind === 'HMO'),
    others: properties.filter((p) => p.kind !== 'SAFE_HOUSE'),
  };
  const subjects: DemoSubject[] = [...FIXED_SUBJECTS];
  for (let i = subjects.length + 1; i <= scale; i++) subjects.push(generateSubject(prng, i, homes));

  // Some HMOs are let by suspects: the landlord link is what joins council and police data.
  const suspects = subjects.filter((s) => s.kind === 'SUSPECT' && s.id !== FIXED_SUBJECTS[3]!.id);
  for (const property of properties.slice(FIXED_PROPERTIES.length)) {
    if (property.kind === 'HMO' && suspects.length > 0 && prng.chance(0.3)) {
      property.landlordSubjectId = prng.pick(suspects).id;
    }
  }
  return { seed, scale, referenceDate: DEMO_REFERENCE_DATE, subjects, properties };
}

function generateProperty(prng: Prng, index: number): DemoProperty {
  const kind = prng.weighted<PropertyKind>([
    ['HMO', 35],
    ['HOUSE', 30],
    ['FLAT', 20],
    ['NAIL_BAR', 5],
    ['CAR_WASH', 5],
    ['SAFE_HOUSE', 5],
  ]);
  const hmoLicensed = kind === 'HMO' && prng.chance(0.5);
  return {
    uprn: uprnOf(index),
    line1: `${prng.int(1, 240)} ${prng.pick(STREETS)}`,
    postcode: `B${prng.int(1, 99)} ${prng.int(1, 9)}${String.fromCharCode(65 + prng.int(0, 25))}${String.fromCharCode(65 + prng.int(0, 25))}`,
    kind,
    hmoLicensed,
    maxOccupants: kind === 'HMO' ? prng.int(5, 12) : null,
    landlordSubjectId: null,
  };
}

interface Homes {
  safeHouses: DemoProperty[];
  hmos: DemoProperty[];
  others: DemoProperty[];
}

function generateSubject(prng: Prng, index: number, homes: Homes): DemoSubject {
  const kind = prng.weighted<SubjectKind>([
    ['VICTIM', 60],
    ['SUSPECT', 25],
    ['ASSOCIATE', 15],
  ]);
  const victim = kind === 'VICTIM';
  const nationality = prng.weighted<string>(
    victim
      ? [
          ['Polish', 35],
          ['Romanian', 11],
          ['British', 10],
          ['Vietnamese', 6],
          ['Albanian', 6],
          ['Slovak', 4],
          ['Eritrean', 4],
          ['Sudanese', 3],
        ]
      : [
          ['British', 40],
          ['Polish', 25],
          ['Romanian', 15],
          ['Albanian', 10],
          ['Vietnamese', 10],
        ],
  );
  const exploitation: Exploitation | null = victim
    ? prng.weighted<Exploitation>([
        ['LABOUR', 45],
        ['SEXUAL', 21],
        ['CRIMINAL', 8],
        ['DOMESTIC_SERVITUDE', 5],
      ])
    : null;
  // Sexual exploitation victims are mostly women, the rest mostly men: 61% male overall (docs/sources.md#the-intelligence-profile).
  const gender: Gender = exploitation === 'SEXUAL' ? (prng.chance(0.9) ? 'FEMALE' : 'MALE') : prng.chance(0.8) ? 'MALE' : 'FEMALE';
  const child = victim && prng.chance(0.15);
  const age = child ? prng.int(12, 17) : prng.int(victim ? 18 : 20, 60);
  const names = NAMES[nationality] ?? NAMES.British!;
  const givenName = prng.pick(gender === 'MALE' ? names.male : names.female);
  const familyName = prng.pick(names.family);

  const safeHouse = victim && !child && prng.chance(0.05);
  const home = safeHouse ? prng.pick(homes.safeHouses) : victim && prng.chance(0.7) ? prng.pick(homes.hmos) : prng.pick(homes.others);

  const nrm = victim && prng.chance(0.8) ? generateNrm(prng) : null;
  const council =
    child || prng.chance(victim ? 0.45 : 0.2)
      ? {
          housing: !child && prng.chance(0.8),
          adultCare: victim && !child && prng.chance(0.2),
          childrenCare: child ? { section47: prng.chance(0.6) } : null,
        }
      : null;
  const support = victim && prng.chance(child ? 0.7 : 0.55) ? generateSupport(prng, child, exploitation, gender) : null;

  return {
    id: subjectId(index),
    givenName,
    familyName,
    aliases: prng.chance(kind === 'SUSPECT' ? 0.5 : 0.15) ? [`${prng.pick(names.male.concat(names.female))} ${familyName}`] : [],
    dateOfBirth: dateOfBirthFor(prng, age),
    gender,
    nationality,
    kind,
    exploitation,
    uprn: home.uprn,
    addressRestricted: safeHouse,
    knownToPolice: !victim || prng.chance(0.9),
    nrm,
    council,
    knownToNhs: prng.chance(victim ? 0.5 : 0.15),
    support,
  };
}

function generateNrm(prng: Prng): NonNullable<DemoSubject['nrm']> {
  const reasonableGrounds = prng.weighted<Grounds>([
    ['POSITIVE', 85],
    ['NEGATIVE', 10],
    ['PENDING', 5],
  ]);
  const conclusiveGrounds: Grounds =
    reasonableGrounds === 'POSITIVE'
      ? prng.weighted<Grounds>([
          ['POSITIVE', 40],
          ['NEGATIVE', 10],
          ['PENDING', 50],
        ])
      : 'PENDING';
  return { referredOn: dateWithinDays(prng, 900), reasonableGrounds, conclusiveGrounds };
}

function generateSupport(prng: Prng, child: boolean, exploitation: Exploitation | null, gender: Gender): DemoSubject['support'] {
  const providerOrg = child
    ? 'barnardos'
    : exploitation === 'SEXUAL' && gender === 'FEMALE'
      ? prng.pick(['refuge', 'salvation-army', 'adavu'])
      : prng.pick(['adavu', 'hope-at-home', 'sophie-hayes-foundation', 'salvation-army']);
  const consentRecipients = prng.chance(0.7) ? [COUNCIL_ORG, NHS_ORG, POLICE_ORG].filter(() => prng.chance(0.5)) : null;
  return { providerOrg, consentRecipients };
}

function dateOfBirthFor(prng: Prng, age: number): string {
  const [y] = DEMO_REFERENCE_DATE.split('-').map(Number) as [number];
  // Born at least a day after the reference date minus (age + 1) years and on or before minus age.
  const month = prng.int(1, 10);
  const day = prng.int(1, 28);
  return `${y - age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date up to `days` before the reference date. */
export function dateWithinDays(prng: Prng, days: number): string {
  const reference = Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`);
  return new Date(reference - prng.int(1, days) * 86_400_000).toISOString().slice(0, 10);
}
