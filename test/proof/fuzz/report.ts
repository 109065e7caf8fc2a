/** What one fuzz part did, and each kind of failure it found with its first cases. */
export interface FuzzReport {
  name: string;
  seed: number;
  cases: number;
  /** Cases asked for (a run stopped by its time limit did fewer). */
  planned: number;
  /** Cases the component accepted as valid (and acted on). */
  accepted: number;
  findings: { what: string; count: number; examples: unknown[] }[];
  seconds: number;
}

/** Group findings by kind; keep the first three cases of each (they replay from the seed). */
export function recordFinding(report: FuzzReport, what: string, example: unknown): void {
  let finding = report.findings.find((f) => f.what === what);
  if (!finding) {
    finding = { what, count: 0, examples: [] };
    report.findings.push(finding);
  }
  finding.count += 1;
  if (finding.examples.length < 3) finding.examples.push(example);
}
