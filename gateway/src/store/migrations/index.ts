import { InitialHubStore1795351876367 } from './1795351876367-InitialHubStore';
import { DisclosureLog1795352000000 } from './1795352000000-DisclosureLog';
import { LogReads1795353000000 } from './1795353000000-LogReads';
import { IdentityRegistry1795354000000 } from './1795354000000-IdentityRegistry';
import { Workflows1795355000000 } from './1795355000000-Workflows';
import { Referrals1795356000000 } from './1795356000000-Referrals';
import { DisclosureInitiator1795357000000 } from './1795357000000-DisclosureInitiator';
import { OneLiveReferral1795358000000 } from './1795358000000-OneLiveReferral';
import { DisclosureController1795359000000 } from './1795359000000-DisclosureController';
import { RandomReferralIds1795360000000 } from './1795360000000-RandomReferralIds';
import { OneLiveReferralPerOrganisation1795361000000 } from './1795361000000-OneLiveReferralPerOrganisation';
import { ReceiptSalt1795362000000 } from './1795362000000-ReceiptSalt';
import { RandomRequestIds1795363000000 } from './1795363000000-RandomRequestIds';
import { PartialInitiatorIndexes1795364000000 } from './1795364000000-PartialInitiatorIndexes';
import { AscendingLogIndexes1795365000000 } from './1795365000000-AscendingLogIndexes';
import { ReferralReaderRoles1795366000000 } from './1795366000000-ReferralReaderRoles';
import { OneSuspensionPerParty1795367000000 } from './1795367000000-OneSuspensionPerParty';

/** Applied in order by `HubStore.open`; never edit one that has shipped, add a new one. */
export const migrations: Function[] = [
  InitialHubStore1795351876367,
  DisclosureLog1795352000000,
  LogReads1795353000000,
  IdentityRegistry1795354000000,
  Workflows1795355000000,
  Referrals1795356000000,
  DisclosureInitiator1795357000000,
  OneLiveReferral1795358000000,
  DisclosureController1795359000000,
  RandomReferralIds1795360000000,
  OneLiveReferralPerOrganisation1795361000000,
  ReceiptSalt1795362000000,
  RandomRequestIds1795363000000,
  PartialInitiatorIndexes1795364000000,
  AscendingLogIndexes1795365000000,
  ReferralReaderRoles1795366000000,
  OneSuspensionPerParty1795367000000,
];
