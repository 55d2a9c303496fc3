import { CASE_REF_PATTERN } from '../../checkpoint/checkpoint';
import { FIELD_TYPES } from '../../gql/field-types';
import { SubjectOneViewDocument } from '../../gql/graphql';
import { fieldLabel, partnerName } from '../../api/labels';
import { addDaysIso, parseUkDate, ukDate, ukDateOf } from '../../format/dates';

/**
 * Information requests (ISA 2.5–2.6, Appendix 2) as the console puts them: who may ask and
 * decide, which fields a form offers, the form's checks (the hub's own, said before sending),
 * and each part's status in words.
 */

export { askOwnerPath, DECIDER_ROLES, REQUESTER_ROLES } from './ask-owner';

export const DEFAULT_DISCLOSURE_DAYS = 28;
export const MAX_DISCLOSURE_DAYS = 366;

interface SelectionLike {
  kind: string;
  name?: { value: string };
  selectionSet?: { selections: readonly SelectionLike[] };
}

/**
 * `Type.field` → its sub-fields as coordinates, from what the one-view asks for (the fields the
 * console shows of a subject): `Person.health` → `HealthRecord.nhsNumber`, … `HealthRecord.attendances`.
 */
const CHILDREN: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  const walk = (typeName: string, selections: readonly SelectionLike[]) => {
    for (const s of selections) {
      if (s.kind !== 'Field' || !s.name || !s.selectionSet) continue;
      const child = FIELD_TYPES[typeName]?.[s.name.value];
      if (!child) continue;
      const fields = s.selectionSet.selections.filter((c) => c.kind === 'Field' && c.name && c.name.value !== 'id');
      map.set(
        `${typeName}.${s.name.value}`,
        fields.map((c) => `${child}.${c.name!.value}`),
      );
      walk(child, s.selectionSet.selections);
    }
  };
  const definition = SubjectOneViewDocument.definitions[0] as unknown as { selectionSet: { selections: SelectionLike[] } };
  walk('Query', definition.selectionSet.selections);
  return map;
})();

export function subFields(coordinate: string): string[] {
  return CHILDREN.get(coordinate) ?? [];
}

/** A partner's whole record (`Person.health`) is offered as its parts; anything else as it is. */
export function askableFields(coordinates: readonly string[]): string[] {
  const out = coordinates.flatMap((c) => (c.startsWith('Person.') && subFields(c).length > 0 ? subFields(c) : [c]));
  return [...new Set(out)];
}

/** What a disclosure officer may narrow a part to: each asked field's sub-fields, or the field itself. */
export function disclosureChoices(asked: readonly string[]): string[] {
  return [...new Set(asked.flatMap((c) => (subFields(c).length > 0 ? subFields(c) : [c])))];
}

/** The fields sent with DISCLOSE: none (everything asked for) when every choice is kept. */
export function decisionFields(asked: readonly string[], chosen: readonly string[]): string[] | null {
  const choices = disclosureChoices(asked);
  if (choices.every((c) => chosen.includes(c))) return null;
  return choices.filter((c) => chosen.includes(c));
}

/** `HealthRecord.attendances` → `Attendances`; `Attendance.site` → `Attendance › Site`. */
export function coordinateLabel(coordinate: string): string {
  const [type = '', field = ''] = coordinate.split('.');
  const parent = type.endsWith('Record') || type === 'Person' ? '' : `${fieldLabel(type)} › `;
  return `${parent}${fieldLabel(field)}`;
}

export interface RequestFormInput {
  subjectId: string;
  owner: string;
  fields: string[];
  lawfulBasis: string;
  caseRef: string;
  reason: string;
  tippingOffRisk: boolean;
  tippingOffReason: string;
  declarationAccepted: boolean;
  declarationName: string;
  declarationRole: string;
}

export type RequestFormErrors = Partial<Record<keyof RequestFormInput, string>>;

const SUBJECT_ID = /^SUBJ-\d{6}$/;

/** Appendix 2's checks, in words, before the hub is asked (the hub checks the same again). */
export function validateRequestForm(input: RequestFormInput): RequestFormErrors {
  const errors: RequestFormErrors = {};
  if (!SUBJECT_ID.test(input.subjectId.trim())) errors.subjectId = 'Give the subject reference, for example SUBJ-000003.';
  if (!input.owner) errors.owner = 'Choose the partner you are asking.';
  if (input.fields.length === 0) errors.fields = 'Choose at least one part of the record to ask for.';
  if (!input.lawfulBasis) errors.lawfulBasis = 'Choose the lawful basis for this request.';
  const caseRef = input.caseRef.trim();
  if (!caseRef) errors.caseRef = 'Give the case reference this request is for.';
  else if (!CASE_REF_PATTERN.test(caseRef)) errors.caseRef = 'Use 3 to 64 letters, digits or / . _ - (for example WMP/OP-KESTREL/2026/17).';
  const reason = input.reason.trim().length;
  if (reason < 20 || reason > 2000) errors.reason = 'Say why the information is needed, in 20 to 2,000 characters.';
  if (input.tippingOffRisk && input.tippingOffReason.trim().length < 10)
    errors.tippingOffReason = 'Say why telling the subject would prejudice the purpose (10 characters or more).';
  if (!input.declarationAccepted)
    errors.declarationAccepted = 'Confirm the declaration: the request is necessary and proportionate for the purpose stated.';
  if (!input.declarationName.trim()) errors.declarationName = 'Give the name of the person making the request.';
  if (!input.declarationRole.trim()) errors.declarationRole = 'Give the role of the person making the request.';
  return errors;
}

export interface PartLike {
  owner: string;
  status: string;
  disclosedFields?: readonly string[] | null;
  expiresAt?: string | null;
  reason?: string | null;
}

/** A part's status in words: pending, disclosed until when, declined with the reason, expired, withdrawn. */
export function partStatusText(part: PartLike): string {
  const until = part.expiresAt ? ukDateOf(part.expiresAt) : null;
  switch (part.status) {
    case 'PENDING':
      return `Pending: ${partnerName(part.owner)} has not answered yet`;
    case 'DISCLOSED': {
      const what = part.disclosedFields?.length ? `: ${part.disclosedFields.map(coordinateLabel).join(', ')}` : '';
      return `Disclosed until ${until ?? 'the date set'}${what}`;
    }
    case 'DECLINED':
      return `Declined: ${part.reason ?? 'no reason given'}`;
    case 'NOTHING_HELD':
      return `Nothing held${part.reason ? `: ${part.reason}` : ''}`;
    case 'EXPIRED':
      return `Expired${until ? ` on ${until}` : ''}: the disclosure has ended`;
    case 'WITHDRAWN':
      return 'Withdrawn by the requester';
    default:
      return part.status;
  }
}

export const REQUEST_STATUS_TEXT: Record<string, string> = {
  PENDING: 'Pending',
  PARTLY_ANSWERED: 'Partly answered',
  ANSWERED: 'Answered',
  WITHDRAWN: 'Withdrawn',
};

export interface DecisionFormInput {
  outcome: '' | 'DISCLOSE' | 'DECLINE' | 'NOTHING_HELD';
  chosen: string[];
  /** dd/mm/yyyy */
  until: string;
  reason: string;
}

export type DecisionFormErrors = Partial<Record<keyof DecisionFormInput, string>>;

/** The default end of a disclosure: 28 days from today, as the form shows it (dd/mm/yyyy). */
export function defaultUntil(todayIso: string): string {
  return ukDate(addDaysIso(todayIso, DEFAULT_DISCLOSURE_DAYS));
}

export function validateDecision(input: DecisionFormInput, todayIso: string): { errors: DecisionFormErrors; expiresOn: string | null } {
  const errors: DecisionFormErrors = {};
  let expiresOn: string | null = null;
  if (!input.outcome) errors.outcome = 'Choose your answer: disclose, decline or nothing held.';
  if (input.outcome === 'DISCLOSE') {
    if (input.chosen.length === 0) errors.chosen = 'Choose at least one field to disclose, or decline.';
    expiresOn = parseUkDate(input.until);
    if (!expiresOn) errors.until = 'Give the date the disclosure ends as dd/mm/yyyy.';
    else if (expiresOn <= todayIso || expiresOn > addDaysIso(todayIso, MAX_DISCLOSURE_DAYS))
      errors.until = `The disclosure must end after today and within ${MAX_DISCLOSURE_DAYS} days.`;
  }
  if (input.outcome === 'DECLINE' && input.reason.trim().length === 0) errors.reason = 'Say why the request is declined.';
  return { errors, expiresOn };
}
