/**
 * The options the gateway's Node process starts with, wherever it runs: the image's command
 * (Dockerfile), compose and Kubernetes (each names the command again), `npm start` (every
 * service in one process), and the benchmarks that start a hub gateway
 * (tools/src/bench/peers/service-process.ts). test/src/deploy/gateway-node-options.test.ts
 * checks that each says exactly this.
 *
 * `--max-semi-space-size=64` (MiB; Node 20's default on 64-bit is 16): most of what a request
 * allocates (the partners' answers, the merged tree, the shaped response, the log's drafts) dies
 * with the request, but with ten dashboards in flight a 16 MiB nursery fills while they are still
 * alive, so each scavenge copies them and promotes them to the old generation, whose collections
 * then cost more. Node's documentation names this option for throughput at the cost of memory.
 * Measured in two runs of `npm run bench -- peers --gateways hub,hub-base --base .` with the
 * option on one of the two (issue 12, tenth round): gateway CPU per dashboard 4.40 against 5.06
 * and 4.36 against 5.13 ms (13 and 15 % less), lower in 18 of 18 rounds but one; one person 4 %
 * less (5 of 8 rounds). 32 MiB saved about 5 %. The young generation may then hold up to 128 MiB,
 * inside the gateway's 768 MiB limit.
 */
export const GATEWAY_NODE_OPTIONS = ['--max-semi-space-size=64'] as const;
