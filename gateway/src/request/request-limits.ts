import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * The shape of an operation the hub accepts, checked before anything runs. The figures leave
 * room for the largest real operation (a dashboard of people with all four partners' fields and
 * their locations, or an auditor's page of records with reasons) and stop what no dashboard
 * sends: queries nested to blow up the plan, thousands of aliases fanning one field out, or a
 * megabyte of tokens to parse. `limits.test.ts` checks the real operations fit.
 */
export const REQUEST_LIMITS = {
  depth: 12,
  aliases: 15,
  directives: 20,
  tokens: 2_000,
  cost: 10_000,
} as const;

export interface RequestProtection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
}

/**
 * graphql-armor's checks for Apollo Server. The limits themselves are not exposed (README: request limits and hardening): a
 * client learns which limit it hit, not the figure to tune an attack to. Field suggestions
 * ("did you mean ...") leak the schema, so production hides them, as it hides introspection.
 */
export function requestProtection(options: { production: boolean }): RequestProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.depth, flattenFragments: true, ...refusal('depth', 'The operation is nested too deeply for the hub.') },
    maxAliases: { n: REQUEST_LIMITS.aliases, ...refusal('aliases', 'The operation uses too many aliases for the hub.') },
    maxDirectives: { n: REQUEST_LIMITS.directives, ...refusal('directives', 'The operation uses too many directives for the hub.') },
    costLimit: {
      maxCost: REQUEST_LIMITS.cost,
      ...refusal('cost', 'The operation would cost too much to run; ask for fewer fields or split it.'),
    },
    // Armor's token count throws from a parsing hook, which Apollo answers with a 500; graphql-js
    // counts tokens itself (`parseOptions`, below), stops parsing at the limit and Apollo answers 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: [...plugins, hideTokenLimit], validationRules, parseOptions: { maxTokens: REQUEST_LIMITS.tokens } };
}

/** graphql-js names the token limit in its message ("Document contains more that 2000 tokens", sic); say which limit, not its figure. */
const hideTokenLimit: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async parsingDidStart() {
        return async (error?: Error) => {
          if (error && /Document contains more th(?:an|at) \d+ tokens/.test(error.message))
            error.message = 'Syntax Error: The operation is too long for the hub.';
        };
      },
    };
  },
};

/**
 * Reports a refused limit as an ordinary validation error with our own words and the name of
 * the limit. (Armor's default report prefixes "Syntax Error:", which sends a client looking for
 * a typo that is not there.)
 */
function refusal(limit: keyof typeof REQUEST_LIMITS, message: string) {
  return {
    exposeLimits: false,
    errorMessage: message,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null) =>
        context?.reportError(new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit } })),
    ],
  };
}
