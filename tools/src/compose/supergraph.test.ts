import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@hub/gateway';
import { unacceptedHints } from '../commands/compose';
import { SUBGRAPHS } from '../subgraphs';
import { composeSupergraph } from './compose-supergraph';

describe('committed supergraph', () => {
  it('composes without errors or unaccepted hints, and matches the committed file', async () => {
    const { supergraphSdl, hints } = await composeSupergraph(SUBGRAPHS);
    expect(unacceptedHints(hints)).toEqual([]);
    // If this fails, run `npm run hub -- compose` and commit gateway/supergraph.graphql.
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(supergraphSdl);
  });
});
