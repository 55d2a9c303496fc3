import { BadUserInputError } from '@hub/shared';

export const NRM_STAGES = ['NONE', 'REFERRED', 'POSITIVE_RG', 'POSITIVE_CG', 'NEGATIVE_CG'] as const;
export type NrmStage = (typeof NRM_STAGES)[number];

/**
 * What a caseworker knows of a victim's situation when looking for a service: no name, no
 * subject reference. A care pathway is about needs, so the directory search stays free of
 * personal data (rule 10: any authenticated partner user may use it).
 */
export interface CareNeed {
  age: number;
  gender: 'MALE' | 'FEMALE';
  nrmStage: NrmStage;
  /** Languages the person speaks, most comfortable first. */
  languages: string[];
  /** Where the person is, e.g. 'Birmingham'. */
  area: string;
  /** Only these kinds of service; all kinds when empty. */
  serviceTypes: string[];
}

const TEXT = /^[\p{L}\p{M} '.-]{2,40}$/u;

/** Checks a need as the client sent it; a bad value is a clear error, never a silent "no match". */
export function parseCareNeed(input: Record<string, unknown>): CareNeed {
  const bad = (message: string) => new BadUserInputError(message);
  const age = input.age as number;
  if (!Number.isInteger(age) || age < 0 || age > 120) throw bad('need.age must be a whole number of years, 0 to 120');
  const languages = ((input.languages as string[] | null | undefined) ?? []).map((l) => l.trim());
  if (languages.length > 10 || languages.some((l) => !TEXT.test(l))) throw bad('need.languages: up to 10 language names');
  const area = String(input.area ?? '').trim();
  if (!TEXT.test(area)) throw bad("need.area must name a place, e.g. 'Birmingham'");
  return {
    age,
    gender: input.gender as CareNeed['gender'],
    nrmStage: input.nrmStage as NrmStage,
    languages,
    area,
    serviceTypes: (input.serviceTypes as string[] | null | undefined) ?? [],
  };
}
