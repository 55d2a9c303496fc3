import { ADDRESS_RESTRICTED_FACT } from './address-restricted.condition';
import { defineCondition } from './record-condition';

/** The address on this record is not a restricted (safe-house) address. For allow rules. */
export default defineCondition({
  name: 'addressNotRestricted',
  description: 'the address is not a restricted (safe-house) address',
  scope: 'parent',
  decidedOn: ['PoliceRecord', 'HousingRecord'],
  facts: () => [ADDRESS_RESTRICTED_FACT],
  decide({ parent }) {
    const restricted = parent[ADDRESS_RESTRICTED_FACT.alias];
    return typeof restricted === 'boolean' ? !restricted : undefined;
  },
});
