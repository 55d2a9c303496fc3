import { GraphQLError } from 'graphql';
import { maskError } from './mask-error';

const formatted = (error: GraphQLError) => maskError(error.toJSON(), error);

describe('maskError', () => {
  it("tells Apollo Server's own 4xx refusal of a request as a bad request, not an internal error", () => {
    // What @apollo/server raises for a persisted query whose hash does not match its text.
    const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400, headers: new Map() } } });
    expect(formatted(error)).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('masks an error without a code that is not such a refusal, and one that wraps another error whatever its status', () => {
    const plain = new GraphQLError('relation "approved_users" does not exist');
    const wrapped = new GraphQLError('relation "approved_users" does not exist', {
      originalError: new Error('relation "approved_users" does not exist'),
      extensions: { http: { status: 400 } },
    });
    const serverSide = new GraphQLError('upstream failed', { extensions: { http: { status: 502 } } });
    for (const error of [plain, wrapped, serverSide]) {
      const masked = formatted(error);
      expect(masked.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(masked.message).toMatch(/^Internal error \(incident [a-z0-9]+\)$/);
    }
  });

  it('passes a client error code through without its stack trace', () => {
    const error = new GraphQLError('name the operation to run', { extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x'] } });
    expect(formatted(error)).toEqual({ message: 'name the operation to run', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
