/**
 * A sparse min-cost assignment of rows (mentees) to slot columns (group g = a mentor with capacity[g] slots).
 * Every number is an integer-valued double, so all sums in the searches are exact.
 *
 * Cost of row i in slot s of group g:  penalty[s] − big − score(i, g)      (score ≥ 0, penalty ≥ 0)
 * Each row also owns a private "stay unmatched" column of cost 0 and dual 0. Because `big` exceeds any
 * difference in total score between two matchings, minimum cost means most rows matched, then best score.
 */
export interface SlotGraph {
  rows: number;
  capacity: Int32Array;
  /** slotStart[g]..slotStart[g + 1] are the slot columns of group g. */
  slotStart: Int32Array;
  /** Per slot; non-decreasing within a group, so among untouched free slots the first is the cheapest. */
  penalty: Float64Array;
  /** CSR adjacency: edges rowStart[i]..rowStart[i + 1] of row i go to edgeGroup[e] with edgeScore[e]. */
  rowStart: Int32Array;
  edgeGroup: Int32Array;
  edgeScore: Float64Array;
  big: number;
}

/**
 * The matching and its dual certificate, shared by the searches. Invariants between searches:
 *   column duals v ≤ 0; every graph edge has reduced cost cost − u − v ≥ 0; matched edges have 0;
 *   the dual of a matched row is rowCost − v[slot], of an unmatched row 0.
 * At the end every free slot also has v = 0, which makes the matching optimal (LP complementary slackness).
 * Slots at index ≥ reach[g] have never been used or priced: free, v = 0.
 */
export class SlotState {
  graph: SlotGraph;
  readonly nCols: number;
  readonly slotGroup: Int32Array;
  readonly v: Float64Array;
  readonly rowSlot: Int32Array;
  readonly slotRow: Int32Array;
  readonly rowCost: Float64Array;
  readonly reach: Int32Array;
  /** Reverse adjacency (group → rows listing it), for the repair search; rebuilt with the graph. */
  groupStart: Int32Array = new Int32Array(0);
  groupRows: Int32Array = new Int32Array(0);
  groupScores: Float64Array = new Float64Array(0);

  constructor(graph: SlotGraph) {
    this.graph = graph;
    const groups = graph.capacity.length;
    this.nCols = graph.slotStart[groups]!;
    this.slotGroup = new Int32Array(this.nCols);
    for (let g = 0; g < groups; g++) this.slotGroup.fill(g, graph.slotStart[g]!, graph.slotStart[g + 1]!);
    this.v = new Float64Array(this.nCols);
    this.rowSlot = new Int32Array(graph.rows).fill(-1);
    this.slotRow = new Int32Array(this.nCols).fill(-1);
    this.rowCost = new Float64Array(graph.rows);
    this.reach = new Int32Array(groups);
    this.setGraph(graph);
  }

  /** Swaps in a graph with the same rows and groups and a superset of the edges (used after the proof). */
  setGraph(graph: SlotGraph): void {
    this.graph = graph;
    const groups = graph.capacity.length;
    const start = new Int32Array(groups + 1);
    for (let e = 0; e < graph.edgeGroup.length; e++) start[graph.edgeGroup[e]! + 1]!++;
    for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, groups);
    this.groupRows = new Int32Array(graph.edgeGroup.length);
    this.groupScores = new Float64Array(graph.edgeGroup.length);
    for (let i = 0; i < graph.rows; i++) {
      for (let e = graph.rowStart[i]!; e < graph.rowStart[i + 1]!; e++) {
        const at = fill[graph.edgeGroup[e]!]!++;
        this.groupRows[at] = i;
        this.groupScores[at] = graph.edgeScore[e]!;
      }
    }
    this.groupStart = start;
  }

  /** Slots of g worth looking at: used or priced ones, plus the first untouched one. */
  slotEnd(g: number): number {
    return this.graph.slotStart[g]! + Math.min(this.reach[g]! + 1, this.graph.capacity[g]!);
  }

  rowDual(i: number): number {
    const s = this.rowSlot[i]!;
    return s < 0 ? 0 : this.rowCost[i]! - this.v[s]!;
  }

  seat(i: number, slot: number, score: number): void {
    this.rowSlot[i] = slot;
    this.slotRow[slot] = i;
    this.rowCost[i] = this.graph.penalty[slot]! - this.graph.big - score;
    const g = this.slotGroup[slot]!;
    const k = slot - this.graph.slotStart[g]! + 1;
    if (k > this.reach[g]!) this.reach[g] = k;
  }

  unseat(i: number): void {
    const s = this.rowSlot[i]!;
    if (s >= 0) this.slotRow[s] = -1;
    this.rowSlot[i] = -1;
    this.rowCost[i] = 0;
  }
}
