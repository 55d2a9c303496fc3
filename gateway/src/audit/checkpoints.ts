import type { CryptoKey } from 'jose';
import type { Pool } from 'pg';
import type { KeyPair } from '../identity/key-store';

export interface ChainHead {
  writerId: string;
  seq: number;
  hash: string;
}

export interface Checkpoint {
  id: number;
  createdAt: string;
  heads: ChainHead[];
  headsJson: string;
  keyId: string;
  signature: string;
}

/** What a checkpoint's signature covers: its time and every writer's chain head at that time. */
export function checkpointMessage(createdAt: string, headsJson: string): Uint8Array {
  return new TextEncoder().encode(`partner-hub disclosure log checkpoint\n${createdAt}\n${headsJson}`);
}

/**
 * Signs the heads of all writers' chains with the hub's audit key (Ed25519), CloudTrail digest
 * style: whoever holds the public key can later prove that every record up to those heads is
 * exactly as it was, and that none after a head has been removed.
 */
export async function writeCheckpoint(pool: Pool, key: KeyPair): Promise<Checkpoint | undefined> {
  const { rows } = await pool.query('SELECT writer_id, head_seq, head_hash FROM log_writers ORDER BY writer_id');
  if (rows.length === 0) return undefined;
  const heads: ChainHead[] = rows.map((r) => ({ writerId: r.writer_id, seq: Number(r.head_seq), hash: r.head_hash }));
  const latest = await pool.query('SELECT heads_json FROM log_checkpoints ORDER BY id DESC LIMIT 1');
  const headsJson = JSON.stringify(heads);
  if (latest.rows[0]?.heads_json === headsJson) return undefined; // nothing new to vouch for
  const createdAt = new Date().toISOString();
  const signature = Buffer.from(await crypto.subtle.sign('Ed25519', key.privateKey, checkpointMessage(createdAt, headsJson))).toString(
    'base64url',
  );
  const inserted = await pool.query(
    'INSERT INTO log_checkpoints (created_at, heads_json, key_id, signature) VALUES ($1, $2, $3, $4) RETURNING id',
    [createdAt, headsJson, key.kid, signature],
  );
  return { id: Number(inserted.rows[0].id), createdAt, heads, headsJson, keyId: key.kid, signature };
}

export async function checkpointSignatureValid(
  publicKey: CryptoKey,
  checkpoint: Pick<Checkpoint, 'createdAt' | 'headsJson' | 'signature'>,
): Promise<boolean> {
  return crypto.subtle.verify(
    'Ed25519',
    publicKey,
    Buffer.from(checkpoint.signature, 'base64url'),
    checkpointMessage(checkpoint.createdAt, checkpoint.headsJson),
  );
}
