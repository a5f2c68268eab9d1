export interface FpmOptions {
  depends: string[];
  recommends: string[];
  mappings: { from: string; to: string }[];
  [option: string]: unknown;
}
export declare function parseFpmArgs(argv: string[]): FpmOptions;
export declare function controlFile(opts: FpmOptions, installedKiB: number): string;
export declare function buildDeb(opts: FpmOptions): { file: string; size: number };
