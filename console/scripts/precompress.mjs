// After `vite build`: a .br and a .gz beside each text file of console/build, so the gateway
// serves them compressed without compressing on every request (gateway/src/console/static-files.ts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUILD = new URL('../build/', import.meta.url).pathname;
const TEXT = /\.(html|js|css|svg|json|txt)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)]));
}

for (const file of walk(BUILD).filter((f) => TEXT.test(f))) {
  const body = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
}
