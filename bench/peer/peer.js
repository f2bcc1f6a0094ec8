// node peer.js PORT CONNECTIONS SECONDS: CONNECTIONS clients, each awaiting one consume() at a time (not
// pipelined, like the QuotaDesk side), for SECONDS. Prints {"decisions": N, "seconds": S}.
'use strict';
const Redis = require('ioredis');
const { RateLimiterRedis } = require('rate-limiter-flexible');

async function main() {
  const [port, connections, seconds] = process.argv.slice(2).map(Number);
  const clients = Array.from({ length: connections }, () =>
    new Redis({ host: '127.0.0.1', port, enableAutoPipelining: false, lazyConnect: true }));
  await Promise.all(clients.map((c) => c.connect()));
  // Limits high enough that every call is admitted, as on the QuotaDesk side.
  const limiters = clients.map((c) => new RateLimiterRedis({
    storeClient: c, keyPrefix: 'peer', points: 1e12, duration: 60 }));
  await limiters[0].consume('bench-a', 1);
  let decisions = 0;
  let stop = false;
  const start = process.hrtime.bigint();
  setTimeout(() => { stop = true; }, seconds * 1000);
  await Promise.all(limiters.map(async (limiter) => {
    while (!stop) {
      await limiter.consume('bench-a', 1);
      decisions += 1;
    }
  }));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  await Promise.all(clients.map((c) => c.quit()));
  process.stdout.write(JSON.stringify({ decisions, seconds: elapsed }) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
