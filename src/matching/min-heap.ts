/**
 * A binary min-heap of (key, value) pairs on typed arrays, for Dijkstra with lazy deletion: callers push a
 * new entry when a key improves and skip stale ones when popping, which is cheaper than decrease-key here.
 * Equal keys pop the smaller value first, so searches are deterministic.
 */
export class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;

  constructor(initialCapacity = 1024) {
    this.keys = new Float64Array(initialCapacity);
    this.values = new Int32Array(initialCapacity);
  }

  clear(): void {
    this.size = 0;
  }

  get topKey(): number {
    return this.keys[0]!;
  }

  get topValue(): number {
    return this.values[0]!;
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && values[parent]! <= value)) break;
      keys[at] = pk;
      values[at] = values[parent]!;
      at = parent;
    }
    keys[at] = key;
    values[at] = value;
  }

  /** Removes the top entry (read topKey / topValue first). */
  pop(): void {
    const keys = this.keys;
    const values = this.values;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n]!;
    const value = values[n]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (keys[right]! < keys[child]! || (keys[right] === keys[child] && values[right]! < values[child]!))
      )
        child = right;
      const ck = keys[child]!;
      if (key < ck || (key === ck && value <= values[child]!)) break;
      keys[at] = ck;
      values[at] = values[child]!;
      at = child;
    }
    keys[at] = key;
    values[at] = value;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
