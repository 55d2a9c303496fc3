import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { LoadResult } from './load-generator';

/** Runs the load generator in a child process and returns its measurements. */
export function runLoad(spec: {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
  /** Open loop at this many requests per second (load-generator.ts). */
  rate?: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, 'load-generator.js'), JSON.stringify(spec)],
      { timeout: (spec.seconds + 30) * 1000 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult);
      },
    );
  });
}
