import { ageOn, type SubgraphName } from '@hub/shared';
import { defineCondition, objectAt, type HiddenField } from './record-condition';

const FACTS: Record<SubgraphName, HiddenField> = {
  police: { alias: '__hub_child_police', selection: 'police { isChild }' },
  nhs: { alias: '__hub_child_nhs', selection: 'health { isChild }' },
  'local-authority': { alias: '__hub_child_la', selection: 'localAuthority { dateOfBirth }' },
  // The charities record no date of birth: they rely on the police's record. A child the police
  // do not know is then not treated as one (the rule fails closed; the consent rule still applies).
  ngo: { alias: '__hub_child_police', selection: 'police { isChild }' },
};

/** The subject is under 18 by the record of the partner whose data the rule releases. */
export default defineCondition({
  name: 'subjectIsChild',
  description: 'the subject is a child (under 18) by the owning partner’s own record',
  scope: 'subject',
  decidedOn: ['Person'],
  facts: (owner) => (owner ? [FACTS[owner]] : []),
  decide({ owner, subject }) {
    if (!owner) return undefined;
    const record = objectAt(subject, FACTS[owner].alias);
    if (owner === 'local-authority') {
      const dateOfBirth = record?.dateOfBirth;
      return typeof dateOfBirth === 'string' ? ageOn(dateOfBirth, new Date().toISOString().slice(0, 10)) < 18 : undefined;
    }
    return typeof record?.isChild === 'boolean' ? record.isChild : undefined;
  },
});
