import { createServer } from 'node:http';

/**
 * A stand-in partner for the micro-benchmarks, in a process of its own so that its CPU is not
 * the client's: answers every POST with the same JSON (about 30 KB, a dashboard-sized part).
 */
const answer = JSON.stringify({ data: { items: Array.from({ length: 300 }, (_, i) => ({ id: `SUBJ-${i}`, name: 'x'.repeat(60) })) } });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
});
process.on('disconnect', () => server.close(() => process.exit(0)));
