import type { SubgraphContext } from '@hub/shared';
import { countReader, liveHoldsByService, manyBy, oneBy, COUNCIL_ORG } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { AdultSocialCareCase } from './entities/adult-social-care-case.entity';
import { ChildrenSocialCareCase } from './entities/children-social-care-case.entity';
import { CouncilPerson } from './entities/council-person.entity';
import { CouncilPersonName } from './entities/council-person-name.entity';
import { HmoLicence } from './entities/hmo-licence.entity';
import { HousingRecord } from './entities/housing-record.entity';
import { PremisesLicence } from './entities/premises-licence.entity';
import { PropertyInspection } from './entities/property-inspection.entity';
import { ReceptionCentre } from './entities/reception-centre.entity';

/** Per-request loaders: one statement per relation per request, whatever the list size. */
export function createLocalAuthorityLoaders(dataSource: DataSource) {
  return {
    personBySubject: oneBy<CouncilPerson, string>(dataSource.getRepository(CouncilPerson), 'subjectId'),
    namesByPerson: manyBy<CouncilPersonName, number>(dataSource.getRepository(CouncilPersonName), 'councilPersonId'),
    adultCareByPerson: oneBy<AdultSocialCareCase, number>(dataSource.getRepository(AdultSocialCareCase), 'councilPersonId'),
    childrenCareByPerson: oneBy<ChildrenSocialCareCase, number>(dataSource.getRepository(ChildrenSocialCareCase), 'councilPersonId'),
    housingByPerson: oneBy<HousingRecord, number>(dataSource.getRepository(HousingRecord), 'councilPersonId'),
    hmoLicenceByUprn: oneBy<HmoLicence, string>(dataSource.getRepository(HmoLicence), 'uprn'),
    hmoLicencesByLandlord: manyBy<HmoLicence, string>(dataSource.getRepository(HmoLicence), 'landlordSubjectId'),
    premisesLicencesByUprn: manyBy<PremisesLicence, string>(dataSource.getRepository(PremisesLicence), 'uprn'),
    // Newest first, so the last inspection is the head of each list.
    inspectionsByUprn: manyBy<PropertyInspection, string>(dataSource.getRepository(PropertyInspection), 'uprn', {
      inspectedOn: 'DESC',
      id: 'DESC',
    }),
    receptionCentreByService: oneBy<ReceptionCentre, string>(dataSource.getRepository(ReceptionCentre), 'serviceId'),
    liveHoldsByService: liveHoldsByService(dataSource),
    counts: countReader(dataSource, [COUNCIL_ORG]),
  };
}

export type LocalAuthorityLoaders = ReturnType<typeof createLocalAuthorityLoaders>;
export type LocalAuthorityContext = SubgraphContext<LocalAuthorityLoaders>;
