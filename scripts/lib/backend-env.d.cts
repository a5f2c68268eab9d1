export declare function backendEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
