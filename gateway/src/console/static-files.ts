import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Request, Response } from 'express';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface StaticFile {
  body: Buffer;
  type: string;
  /** Precompressed at build time (`console/scripts/precompress.mjs`): no CPU spent per request. */
  br?: Buffer;
  gzip?: Buffer;
  immutable: boolean;
}

/**
 * The console's build, read once at start into memory (a few hundred kB): a request can only
 * ever name a file that is in this map, so no path from a URL reaches the file system.
 */
export class StaticFiles {
  private readonly files = new Map<string, StaticFile>();

  constructor(readonly dir: string) {
    if (!existsSync(dir)) return;
    for (const path of walk(dir)) {
      const type = TYPES[extname(path)];
      if (!type || path.endsWith('.br') || path.endsWith('.gz')) continue;
      const url = `/${relative(dir, path).split('\\').join('/')}`;
      this.files.set(url, {
        body: readFileSync(path),
        type,
        br: existsSync(`${path}.br`) ? readFileSync(`${path}.br`) : undefined,
        gzip: existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`) : undefined,
        // Vite names every asset by its content hash: a changed file is a new URL.
        immutable: url.startsWith('/assets/'),
      });
    }
  }

  get built(): boolean {
    return this.files.has('/index.html');
  }

  has(url: string): boolean {
    return this.files.has(url);
  }

  /** Sends the file, compressed as the client accepts; false when there is no such file. */
  send(url: string, req: Request, res: Response): boolean {
    const file = this.files.get(url);
    if (!file) return false;
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [body, encoding] =
      file.br && /\bbr\b/.test(accepts) ? [file.br, 'br'] : file.gzip && /\bgzip\b/.test(accepts) ? [file.gzip, 'gzip'] : [file.body, null];
    res.setHeader('Content-Type', file.type);
    res.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
