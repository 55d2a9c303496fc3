import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { SupportEpisodeStatus } from './entities/ngo.enums';

/**
 * Per service, its active episodes and the places held for pending referrals (shared
 * referrals/place-holds.ts), for `capacity.available`: one statement per request for every
 * service listed, both counts together.
 */
export function placeCountsByService(dataSource: DataSource): DataLoader<string, { active: number; held: number }> {
  return new DataLoader(async (serviceIds) => {
    const rows: { id: string; active: number; held: number }[] = await dataSource.query(
      `SELECT s.id,
              (SELECT count(*) FROM support_episodes e WHERE e.service_id = s.id AND e.status = $2)::int AS active,
              (SELECT count(*) FROM referral_holds h WHERE h.service_id = s.id AND h.status = 'HELD' AND h.expires_at > now())::int AS held
         FROM unnest($1::text[]) AS s(id)`,
      [serviceIds as string[], SupportEpisodeStatus.ACTIVE],
    );
    const byService = new Map(rows.map((row) => [row.id, row]));
    return serviceIds.map((id) => ({ active: byService.get(id)?.active ?? 0, held: byService.get(id)?.held ?? 0 }));
  });
}
