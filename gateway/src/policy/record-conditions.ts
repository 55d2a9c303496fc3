import { ageOn } from '@hub/shared';
import type { GraphQLResolveInfo } from 'graphql';
import type { RecordCondition } from '../agreements/agreement.types';
import type { CompiledRule } from './compiled-policy';
import type { Requester } from './hub-request';

/** What a record condition may look at. */
export interface ConditionInput {
  requester: Requester;
  /** The record holding the field (or, for a list, the item being decided). */
  target: Record<string, any>;
  /** The enclosing subject, with the facts the plan fetched for it; undefined when there is none. */
  subject: Record<string, any> | undefined;
  info: GraphQLResolveInfo;
  /** Notes that must travel with the data (3x5x2 code C conditions). */
  noteCondition(note: string): void;
}

/** True when every condition of the rule holds. Unknown facts count against sharing (fail closed). */
export function conditionsHold(rule: CompiledRule, input: ConditionInput): boolean {
  return (rule.when ?? []).every((condition) => holds(condition, rule, input));
}

function holds(condition: RecordCondition, rule: CompiledRule, { requester, target, subject, noteCondition }: ConditionInput): boolean {
  switch (condition) {
    case 'subjectIsChild':
      return subjectIsChild(subject, rule.owner);
    case 'subjectConsentNamesRecipient':
      return asArray(subject?.__hub_consent).some((episode) => asArray(episode?.consent?.recipients).includes(requester.org));
    case 'subjectUnderSection47Enquiry': {
      const care = subject?.__hub_s47?.childrenSocialCare;
      return care?.section47Enquiry === true && care?.status !== 'CLOSED';
    }
    case 'episodeConsentNamesRecipient':
      return asArray(target.__hub_consent?.recipients).includes(requester.org);
    case 'recipientIsProvider':
      return target.__hub_providerOrg === requester.org;
    case 'addressRestricted':
      // A deny condition: an address whose status is unknown is treated as restricted.
      return target.__hub_addressRestricted !== false;
    case 'addressNotRestricted':
      return target.__hub_addressRestricted === false;
    case 'handlingCodePermitsSharing': {
      const code = target.__hub_handlingCode;
      if (code === 'C')
        noteCondition(
          '3x5x2 handling code C: lawful sharing permitted with conditions; consult the originating officer before any further use',
        );
      return code === 'P' || code === 'C';
    }
  }
}

/** By the owning partner's own record where it has one; the charities rely on the police's. */
function subjectIsChild(subject: Record<string, any> | undefined, owner: string | undefined): boolean {
  if (!subject) return false;
  const police = subject.__hub_child_police?.isChild;
  const nhs = subject.__hub_child_nhs?.isChild;
  const dateOfBirth = subject.__hub_child_la?.dateOfBirth;
  const council = typeof dateOfBirth === 'string' ? ageOn(dateOfBirth, new Date().toISOString().slice(0, 10)) < 18 : undefined;
  if (owner === 'police') return police === true;
  if (owner === 'nhs') return nhs === true;
  if (owner === 'local-authority') return council === true;
  return police === true;
}

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
