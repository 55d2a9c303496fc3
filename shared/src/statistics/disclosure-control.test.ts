import { controlCount } from './disclosure-control';

const POLICE = 'west-midlands-police';
const COUNCIL = 'birmingham-city-council';

describe('controlCount (rule 9: counts 0–7 suppressed, others rounded to 5, exact for the owner)', () => {
  it.each([
    // raw, owners, requester, count, suppressed, rounded
    [0, [POLICE], COUNCIL, null, true, false],
    [0, [POLICE], POLICE, 0, false, false],
    [1, [POLICE], COUNCIL, null, true, false],
    [7, [POLICE], COUNCIL, null, true, false],
    [8, [POLICE], COUNCIL, 10, false, true],
    [12, [POLICE], COUNCIL, 10, false, true],
    [13, [POLICE], COUNCIL, 15, false, true],
    [35, [POLICE], COUNCIL, 35, false, true],
    [3, [POLICE], POLICE, 3, false, false],
    [13, [POLICE], POLICE, 13, false, false],
    // A count over two charities is exact for neither of them alone.
    [3, ['adavu', 'refuge'], 'adavu', null, true, false],
    [13, ['adavu', 'refuge'], 'refuge', 15, false, true],
    // A count with no known owner is never treated as the requester's own.
    [3, [], POLICE, null, true, false],
  ] as const)('%i counted from %j, asked by %s → %p', (raw, owners, requester, count, suppressed, rounded) => {
    expect(controlCount('x', raw, owners, requester)).toEqual({ label: 'x', count, suppressed, rounded });
  });
});
