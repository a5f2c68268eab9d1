export declare const root: string;
export declare const electronDir: string;
export declare function electronBinary(): { path: string; reason: null } | { path: null; reason: string };
