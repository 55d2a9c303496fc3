import { defineCondition, objectAt } from './record-condition';

const FACT = { alias: '__hub_residentRestricted', selection: 'police { addressRestricted }' };

/**
 * The person linked to a property lives there at a restricted (safe-house) address, by the
 * police record that links them. Decided on each linked person: saying who lives at a safe house
 * is saying where they are.
 */
export default defineCondition({
  name: 'residentAddressRestricted',
  description: 'the linked person lives there at a restricted (safe-house) address',
  scope: 'item',
  decidedOn: ['Person'],
  facts: () => [FACT],
  decide({ item }) {
    const restricted = objectAt(item, FACT.alias)?.addressRestricted;
    return typeof restricted === 'boolean' ? restricted : undefined;
  },
});
