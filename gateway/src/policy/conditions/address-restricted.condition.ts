import { defineCondition } from './record-condition';

export const ADDRESS_RESTRICTED_FACT = { alias: '__hub_addressRestricted', selection: 'addressRestricted' };

/** The address on this record is a restricted (safe-house) address. Used by deny rules. */
export default defineCondition({
  name: 'addressRestricted',
  description: 'the address is a restricted (safe-house) address',
  scope: 'parent',
  decidedOn: ['PoliceRecord', 'HousingRecord'],
  facts: () => [ADDRESS_RESTRICTED_FACT],
  decide({ parent }) {
    const restricted = parent[ADDRESS_RESTRICTED_FACT.alias];
    return typeof restricted === 'boolean' ? restricted : undefined;
  },
});
