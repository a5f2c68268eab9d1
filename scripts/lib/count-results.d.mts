export interface RunnerResult {
  runner: string;
  passed: number;
  failed: number;
  skipped: { title: string; reason: string }[];
  problems: string[];
}
export declare const ELECTRON_BINARY_SKIP: RegExp;
export declare function readVitest(file: string, runner: string, exitCode: number | null): RunnerResult;
export declare function readPlaywright(file: string, exitCode: number | null): RunnerResult;
export declare function notRun(runner: string, reason: string, ci: boolean): RunnerResult;
export declare function applyCiSkipRule(results: RunnerResult[], ci: boolean): RunnerResult[];
export declare function summarize(results: RunnerResult[]): { lines: string[]; passed: number; failed: number };
