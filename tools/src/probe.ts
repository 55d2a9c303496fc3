#!/usr/bin/env node
import { request } from 'node:http';

/**
 * `node tools/dist/probe.js <url>`: exits 0 when the URL answers 2xx within 4 s, 1 otherwise.
 * The containers' healthcheck (the image has no curl or wget): it loads nothing of the hub, so a
 * probe every few seconds costs a bare Node start, not the gateway's modules.
 */
const url = process.argv[2];
if (!url) {
  console.error('usage: node tools/dist/probe.js http://127.0.0.1:4000/readyz');
  process.exit(2);
}
const req = request(url, { timeout: 4000 }, (res) => {
  res.resume();
  const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
  if (!ok) console.error(`${url}: ${res.statusCode}`);
  process.exit(ok ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('no answer in 4 s')));
req.on('error', (error) => {
  console.error(`${url}: ${error.message}`);
  process.exit(1);
});
req.end();
