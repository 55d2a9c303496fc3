import { PROVIDER_ORG } from '../data-controller';
import { defineCondition } from './record-condition';

/** The requesting organisation is the charity that provides this support episode. */
export default defineCondition({
  name: 'recipientIsProvider',
  description: 'your organisation provides this support episode',
  scope: 'item',
  decidedOn: ['SupportEpisode'],
  // The same fact the log names the episode's data controller by (data-controller.ts).
  facts: () => [PROVIDER_ORG],
  decide({ item, requester }) {
    const provider = item?.[PROVIDER_ORG.alias];
    return typeof provider === 'string' ? provider === requester.org : undefined;
  },
});
