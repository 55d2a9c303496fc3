import { defineCondition, objectAt } from './record-condition';

const FACT = { alias: '__hub_s47', selection: 'localAuthority { childrenSocialCare { section47Enquiry status } }' };

/** The council has a Children Act 1989 s47 enquiry open on the subject. */
export default defineCondition({
  name: 'subjectUnderSection47Enquiry',
  description: 'the council has a Children Act 1989 s47 enquiry open on the subject',
  scope: 'subject',
  decidedOn: ['Person'],
  facts: () => [FACT],
  decide({ subject }) {
    // No council record reads as null, like a council that did not answer: unknown either way.
    const care = objectAt(objectAt(subject, FACT.alias), 'childrenSocialCare');
    if (!care || typeof care.section47Enquiry !== 'boolean') return undefined;
    return care.section47Enquiry && care.status !== 'CLOSED';
  },
});
