const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh, increasing, numeric Discord snowflake (timestamp since the Discord epoch, then a counter). */
export function nextSnowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  const timestamp = BigInt(Date.now()) - DISCORD_EPOCH;
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}
