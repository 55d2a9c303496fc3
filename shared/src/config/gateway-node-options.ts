/**
 * The options the gateway's Node process starts with, wherever it runs: the image's command
 * (Dockerfile), compose and Kubernetes (each names the command again), `npm start` (every
 * service in one process), and the benchmarks that start a hub gateway
 * (tools/src/bench/peers/service-process.ts). test/src/deploy/gateway-node-options.test.ts
 * checks that each says exactly this.
 *
 * `--max-semi-space-size=64` (MiB): most of what a request allocates (the partners' answers, the
 * merged tree, the shaped response, the log's drafts) dies with the request, but with ten
 * dashboards in flight a small nursery fills while they are still alive, so each scavenge copies
 * them and promotes them to the old generation, whose collections then cost more. Node's
 * documentation names this option for throughput at the cost of memory, and its default depends
 * on the memory limit: 16 MiB on a 24 GiB host, 4 MiB in a container limited to 768 MiB.
 *
 * Measured in two runs of `npm run bench -- peers --gateways hub,hub-base --base .` with the
 * option on one of the two (issue 12, tenth round; against the 16 MiB default): gateway CPU per
 * dashboard 4.40 against 5.06 and 4.36 against 5.13 ms (13 and 15 % less), lower in 17 of 18
 * rounds; one person 4 % less (5 of 8 rounds); with NODE_ENV=production (`--production`), 4.25
 * against 4.63 ms per dashboard, lower in 6 of 6. 32 MiB saved about 5 %.
 *
 * Memory: the young generation is three semi-spaces, so V8's heap ceiling rises by up to 180 MiB
 * (node in a 1 GiB cgroup: 524 MiB by default, 704 with the option). Compose and Kubernetes give
 * the gateway 1 GiB for it (768 MiB before), about the same room outside the heap as before; its
 * peak resident memory under the peers bench was 380 MB.
 */
export const GATEWAY_NODE_OPTIONS = ['--max-semi-space-size=64'] as const;
