import { AgreementSuspension } from './agreement-suspension.entity';
import { ApprovedUser } from './approved-user.entity';
import { migrations } from './migrations';

/** The hub's own database (not a partner's): user registry, suspensions, and later the log. */
export const hubStoreSchema = {
  name: 'hub' as const,
  entities: [ApprovedUser, AgreementSuspension] as Function[],
  migrations,
};
