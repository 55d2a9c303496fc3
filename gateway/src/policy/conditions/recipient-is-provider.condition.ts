import { defineCondition } from './record-condition';

const FACT = { alias: '__hub_providerOrg', selection: 'providerOrg' };

/** The requesting organisation is the charity that provides this support episode. */
export default defineCondition({
  name: 'recipientIsProvider',
  description: 'your organisation provides this support episode',
  scope: 'item',
  decidedOn: ['SupportEpisode'],
  facts: () => [FACT],
  decide({ item, requester }) {
    const provider = item?.[FACT.alias];
    return typeof provider === 'string' ? provider === requester.org : undefined;
  },
});
