import { defineCondition, listAt, objectAt } from './record-condition';

const FACT = { alias: '__hub_residentsRestricted', selection: 'linkedPersons { police { addressRestricted } }' };

/**
 * Someone the police link to this property lives there at a restricted (safe-house) address, by
 * their police record. Decided on the property, for what the force holds about the place itself:
 * a report filed at a safe house is matched, field for field, to the resident's own reports, so
 * it says where the resident is as plainly as `linkedPersons` would. A resident whose record
 * does not say either way leaves the property undecided (and a deny rule then holds).
 */
export default defineCondition({
  name: 'locationIsRestrictedAddress',
  description: 'someone lives at the property at a restricted (safe-house) address',
  scope: 'parent',
  decidedOn: ['Location'],
  facts: () => [FACT],
  decide({ parent }) {
    const residents = listAt(parent, FACT.alias);
    if (!residents) return undefined;
    let known = true;
    for (const resident of residents) {
      const restricted = objectAt(resident, 'police')?.addressRestricted;
      if (restricted === true) return true;
      if (typeof restricted !== 'boolean') known = false;
    }
    return known ? false : undefined;
  },
});
