export declare const LINUX_SIZES: number[];
export declare const ICO_SIZES: number[];
export declare const ICNS_TYPES: [string, number][];
export declare function renderPng(svg: Buffer | string, size: number): Buffer;
export declare function encodeIcns(entries: { type: string; png: Buffer }[]): Buffer;
export declare function encodeIco(images: { size: number; png: Buffer }[]): Buffer;
export declare function writeIcons(svgPath: string, outDir: string): string;
