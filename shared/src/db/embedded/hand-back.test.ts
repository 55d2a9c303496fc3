import { backendFreeAfter, lastTransactionStatus } from './hand-back';
import { errorResponse, readyForQuery } from './wire';

/** A backend message with a body, for the replies below. */
function backend(type: string, body = ''): Buffer {
  const bytes = Buffer.alloc(5 + body.length);
  bytes.write(type, 0, 'latin1');
  bytes.writeInt32BE(4 + body.length, 1);
  bytes.write(body, 5, 'latin1');
  return bytes;
}
const parseComplete = backend('1');
const bindComplete = backend('2');
const commandComplete = backend('C', 'SELECT 1\0');
const notice = backend('N', 'SWARNING\0\0');
const error = errorResponse({ severity: 'ERROR', code: '42703', message: 'column "nope" does not exist' });
const reply = (...messages: Buffer[]) => Buffer.concat(messages);

describe('backendFreeAfter: whether the backend may go to another connection', () => {
  it.each([
    ['a Query outside a transaction', 'Q', reply(commandComplete, readyForQuery('I')), true],
    ['Parse/Bind/Execute/Sync outside a transaction', 'S', reply(parseComplete, bindComplete, commandComplete, readyForQuery('I')), true],
    ['a notice after the ReadyForQuery', 'Q', reply(commandComplete, readyForQuery('I'), notice), true],
    ['BEGIN: in a transaction', 'Q', reply(commandComplete, readyForQuery('T')), false],
    ['a failed transaction', 'Q', reply(error, readyForQuery('E')), false],
    ['Parse and Bind with no Sync yet', 'B', reply(parseComplete, bindComplete), false],
    ['Execute and Flush (a cursor read) with no Sync yet', 'H', reply(commandComplete), false],
    ['a Sync answered, then the next sequence begun', 'P', reply(commandComplete, readyForQuery('I'), parseComplete), false],
    ['a Query skipped after an error, until the Sync', 'Q', reply(readyForQuery('I'), error), false],
    ['a Query that answered nothing', 'Q', Buffer.alloc(0), false],
    ['COPY FROM STDIN waiting for data', 'Q', reply(backend('G', '\0\0\0')), false],
  ])('%s → %s', (_what, lastSent, bytes, free) => {
    expect(backendFreeAfter(lastSent, bytes)).toBe(free);
  });

  it('reads the status of the last ReadyForQuery', () => {
    expect(lastTransactionStatus(reply(readyForQuery('I'), commandComplete, readyForQuery('E')))).toBe('E');
    expect(lastTransactionStatus(commandComplete)).toBeUndefined();
  });
});
