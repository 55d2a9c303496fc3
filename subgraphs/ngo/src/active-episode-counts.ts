import DataLoader from 'dataloader';
import type { Repository } from 'typeorm';
import type { SupportEpisode } from './entities/support-episode.entity';
import { SupportEpisodeStatus } from './entities/ngo.enums';

/**
 * Active episodes per service, for `capacity.available`: one grouped count per request
 * however many services are listed (shared `manyBy` would fetch every episode row instead).
 */
export function activeEpisodesByService(repository: Repository<SupportEpisode>): DataLoader<string, number> {
  return new DataLoader<string, number>(async (serviceIds) => {
    const rows: { serviceId: string; active: number }[] = await repository
      .createQueryBuilder('episode')
      .select('episode.serviceId', 'serviceId')
      .addSelect('COUNT(*)::int', 'active')
      .where('episode.status = :status', { status: SupportEpisodeStatus.ACTIVE })
      .andWhere('episode.serviceId IN (:...serviceIds)', { serviceIds })
      .groupBy('episode.serviceId')
      .getRawMany();
    const byService = new Map(rows.map((row) => [row.serviceId, row.active]));
    return serviceIds.map((id) => byService.get(id) ?? 0);
  });
}
