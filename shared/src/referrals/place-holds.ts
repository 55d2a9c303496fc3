import DataLoader from 'dataloader';
import express, { type RequestHandler } from 'express';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Places at a service, held for referrals, in the partner that runs the service (the charities'
 * subgraph for their services, the council's for its reception centre, the NHS's for its clinics).
 * Each partner keeps its own places and holds in its own database and decides them in one
 * transaction of its own, so the hub never promises a place a partner has not reserved.
 *
 * - `free`: places not taken, as the partner records them (holds not counted);
 * - a hold: one place reserved for one referral while the provider decides, until `expires_at`;
 * - live capacity (`available`) = free − holds not yet expired, never below 0 (`availablePlaces`).
 *
 * An expired hold simply stops counting (a time comparison, no sweeper), so expiry needs no
 * process to run and cannot be missed. Reservations of one service are serialised by a row lock on
 * the service's own row (`SELECT … FOR UPDATE`): whatever the concurrency, the number of live holds
 * never exceeds `free`. A hold is keyed by (service, idempotency key), unique, so a retried request
 * finds its hold instead of taking a second place.
 */
export interface PlacesTable {
  /**
   * Locks the service's row and reads its places as `total` and `free` ($1 = service id). No row:
   * not a service this partner runs.
   */
  lockSql: string;
  /** Records the service's places: $1 service id, $2 total, $3 free. */
  updateSql: string;
}

/** What the gateway asks of a partner's places (POST /referral-places, gateway-signed). */
export type PlaceRequest =
  | { action: 'hold'; serviceId: string; key: string; referralId: string; expiresAt: string }
  | { action: 'release'; serviceId: string; key: string }
  | { action: 'take'; serviceId: string; key: string }
  | { action: 'capacity'; serviceId: string; total: number; available: number };

export type PlaceAnswer =
  | { outcome: 'HELD'; expiresAt: string; replayed: boolean }
  | { outcome: 'TAKEN'; replayed: boolean }
  | { outcome: 'RELEASED' }
  /** `holdLive` (take only): the referral's hold is still running, but every free place is taken. */
  | { outcome: 'NO_PLACE'; holdLive?: boolean }
  | { outcome: 'NOT_HELD'; status: string | null }
  | { outcome: 'UNKNOWN_SERVICE' }
  | { outcome: 'CAPACITY'; total: number; free: number; held: number; available: number; overHeld: number };

/** The table every partner that runs services adds (its own migration calls this). */
export const REFERRAL_HOLDS_SQL = [
  `CREATE TABLE referral_holds (
     service_id text NOT NULL,
     idempotency_key text NOT NULL,
     referral_id text NOT NULL,
     status text NOT NULL CHECK (status IN ('HELD', 'TAKEN', 'RELEASED')),
     expires_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (service_id, idempotency_key)
   )`,
  `CREATE INDEX referral_holds_live ON referral_holds (service_id, expires_at) WHERE status = 'HELD'`,
];

/**
 * Places available to a new referral: the places free less the holds still running, never below 0
 * (a service may be set below what it holds). The one definition: the partners' capacity fields,
 * which the care pathway and `supportService` read, and the holds themselves use it.
 */
export function availablePlaces(free: number, held: number): number {
  return Math.max(0, free - held);
}

/** Holds beyond the places free: what a provider must resolve (decline, or free places) before a new referral can be held. */
export function overHeld(free: number, held: number): number {
  return Math.max(0, held - free);
}

const LIVE_HOLDS = `SELECT count(*)::int AS n FROM referral_holds WHERE service_id = $1 AND status = 'HELD' AND expires_at > now()`;

export class PlaceHolds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly table: PlacesTable,
  ) {}

  async answer(request: PlaceRequest): Promise<PlaceAnswer> {
    switch (request.action) {
      case 'hold':
        return this.hold(request.serviceId, request.key, request.referralId, new Date(request.expiresAt));
      case 'release':
        return this.release(request.serviceId, request.key);
      case 'take':
        return this.take(request.serviceId, request.key);
      case 'capacity':
        return this.setCapacity(request.serviceId, request.total, request.available);
    }
  }

  /** Holds one place for a referral, or finds the hold its key already made. */
  async hold(serviceId: string, key: string, referralId: string, expiresAt: Date): Promise<PlaceAnswer> {
    return this.dataSource.transaction(async (manager) => {
      const places = await this.lock(manager, serviceId);
      if (!places) return { outcome: 'UNKNOWN_SERVICE' };
      const [existing] = await manager.query(
        `SELECT status, expires_at, expires_at > now() AS live FROM referral_holds WHERE service_id = $1 AND idempotency_key = $2`,
        [serviceId, key],
      );
      if (existing?.status === 'TAKEN') return { outcome: 'TAKEN', replayed: true };
      if (existing?.status === 'HELD' && existing.live)
        return { outcome: 'HELD', expiresAt: new Date(existing.expires_at).toISOString(), replayed: true };
      const [{ n: held }] = await manager.query(LIVE_HOLDS, [serviceId]);
      if (availablePlaces(places.free, held) === 0) return { outcome: 'NO_PLACE' };
      // A key whose hold was released (a failed attempt, a decline) or expired holds afresh.
      await manager.query(
        `INSERT INTO referral_holds (service_id, idempotency_key, referral_id, status, expires_at)
         VALUES ($1, $2, $3, 'HELD', $4)
         ON CONFLICT (service_id, idempotency_key)
         DO UPDATE SET status = 'HELD', referral_id = $3, expires_at = $4, updated_at = now()`,
        [serviceId, key, referralId, expiresAt],
      );
      return { outcome: 'HELD', expiresAt: expiresAt.toISOString(), replayed: false };
    });
  }

  /** Gives a held place back (the provider declined, or the hub could not complete the referral). */
  async release(serviceId: string, key: string): Promise<PlaceAnswer> {
    const [rows] = await this.dataSource.query(
      `UPDATE referral_holds SET status = 'RELEASED', updated_at = now()
        WHERE service_id = $1 AND idempotency_key = $2 AND status = 'HELD' RETURNING status`,
      [serviceId, key],
    );
    if ((rows as unknown[]).length > 0) return { outcome: 'RELEASED' };
    const [existing] = await this.dataSource.query(`SELECT status FROM referral_holds WHERE service_id = $1 AND idempotency_key = $2`, [
      serviceId,
      key,
    ]);
    return existing?.status === 'RELEASED' ? { outcome: 'RELEASED' } : { outcome: 'NOT_HELD', status: existing?.status ?? null };
  }

  /**
   * The provider accepts: the held place is taken (free − 1). A hold that expired, or was
   * released, takes a place only if one is free now; a place is never taken below 0.
   */
  async take(serviceId: string, key: string): Promise<PlaceAnswer> {
    return this.dataSource.transaction(async (manager) => {
      const places = await this.lock(manager, serviceId);
      if (!places) return { outcome: 'UNKNOWN_SERVICE' };
      const [hold] = await manager.query(
        `SELECT status, expires_at > now() AS live FROM referral_holds WHERE service_id = $1 AND idempotency_key = $2`,
        [serviceId, key],
      );
      if (!hold) return { outcome: 'NOT_HELD', status: null };
      if (hold.status === 'TAKEN') return { outcome: 'TAKEN', replayed: true };
      const [{ n: held }] = await manager.query(LIVE_HOLDS, [serviceId]);
      const ownLive = hold.status === 'HELD' && Boolean(hold.live);
      // A live hold takes any free place: it already counts against them, and when the provider set
      // fewer free places than are held, the first accepted wins (rather than none ever fitting).
      // An ended or released hold needs a place nobody holds.
      const fits = ownLive ? places.free >= 1 : availablePlaces(places.free, held) >= 1;
      if (!fits) return { outcome: 'NO_PLACE', holdLive: ownLive };
      await manager.query(`UPDATE referral_holds SET status = 'TAKEN', updated_at = now() WHERE service_id = $1 AND idempotency_key = $2`, [
        serviceId,
        key,
      ]);
      await manager.query(this.table.updateSql, [serviceId, places.total, places.free - 1]);
      return { outcome: 'TAKEN', replayed: false };
    });
  }

  /** The provider says how many places the service has and how many are free (pending holds then count against them). */
  async setCapacity(serviceId: string, total: number, available: number): Promise<PlaceAnswer> {
    return this.dataSource.transaction(async (manager) => {
      const places = await this.lock(manager, serviceId);
      if (!places) return { outcome: 'UNKNOWN_SERVICE' };
      await manager.query(this.table.updateSql, [serviceId, total, available]);
      const [{ n: held }] = await manager.query(LIVE_HOLDS, [serviceId]);
      return {
        outcome: 'CAPACITY',
        total,
        free: available,
        held,
        available: availablePlaces(available, held),
        overHeld: overHeld(available, held),
      };
    });
  }

  private async lock(manager: EntityManager, serviceId: string): Promise<{ total: number; free: number } | null> {
    const [row] = await manager.query(this.table.lockSql, [serviceId]);
    return row ? { total: Number(row.total), free: Number(row.free) } : null;
  }
}

/** Live holds per service, for the capacity a partner reports: one grouped count per request. */
export function liveHoldsByService(dataSource: DataSource): DataLoader<string, number> {
  return new DataLoader<string, number>(async (serviceIds) => {
    const rows: { service_id: string; n: number }[] = await dataSource.query(
      `SELECT service_id, count(*)::int AS n FROM referral_holds
        WHERE service_id = ANY($1) AND status = 'HELD' AND expires_at > now() GROUP BY service_id`,
      [serviceIds as string[]],
    );
    const byService = new Map(rows.map((row) => [row.service_id, row.n]));
    return serviceIds.map((id) => byService.get(id) ?? 0);
  });
}

const TEXT = /^[\w.:|/-]{1,200}$/;

/** Checks what the gateway sent: a malformed request is refused, never half-applied. */
export function parsePlaceRequest(body: unknown): PlaceRequest | null {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => typeof v === 'string' && TEXT.test(v);
  if (!text(b.serviceId)) return null;
  const serviceId = b.serviceId as string;
  switch (b.action) {
    case 'hold':
      if (!text(b.key) || !text(b.referralId) || typeof b.expiresAt !== 'string' || Number.isNaN(Date.parse(b.expiresAt))) return null;
      return { action: 'hold', serviceId, key: b.key as string, referralId: b.referralId as string, expiresAt: b.expiresAt };
    case 'release':
    case 'take':
      return text(b.key) ? { action: b.action, serviceId, key: b.key as string } : null;
    case 'capacity': {
      const { total, available } = b;
      if (!Number.isInteger(total) || !Number.isInteger(available)) return null;
      if ((available as number) < 0 || (total as number) < (available as number) || (total as number) > 10_000) return null;
      return { action: 'capacity', serviceId, total: total as number, available: available as number };
    }
    default:
      return null;
  }
}

/** The partner's endpoint for the gateway (mounted behind the gateway-token check). */
export function placesHandler(holds: PlaceHolds): RequestHandler[] {
  return [
    express.json({ limit: '16kb' }),
    (req, res, next) => {
      const request = parsePlaceRequest(req.body);
      if (!request) {
        res.status(400).json({ error: 'malformed place request' });
        return;
      }
      holds.answer(request).then((answer) => res.json(answer), next);
    },
  ];
}
