import { defineCondition } from './record-condition';

const FACT = { alias: '__hub_handlingCode', selection: 'handlingCode' };
const CODE_C_CONDITIONS =
  '3x5x2 handling code C: lawful sharing permitted with conditions; consult the originating officer before any further use';

/** The intelligence report's 3x5x2 handling code permits sharing: P, or C with its conditions. */
export default defineCondition({
  name: 'handlingCodePermitsSharing',
  description: 'the report’s 3x5x2 handling code permits sharing (P, or C with conditions)',
  scope: 'item',
  decidedOn: ['IntelligenceReport'],
  facts: () => [FACT],
  decide({ item, note }) {
    const code = item?.[FACT.alias];
    if (typeof code !== 'string') return undefined;
    if (code === 'C') note(CODE_C_CONDITIONS);
    return code === 'P' || code === 'C';
  },
});
