import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'util', 'stream'].flatMap((m) => [m, `node:${m}`, `node:${m}/*`]);
/**
 * One rule per layer (docs/architecture.md lists them): what each part may not import. Where two
 * layers overlap (the Electron rule covers all of src/main), the second uses typescript-eslint's copy
 * of the rule: a flat config keeps only the last setting of one rule for a file.
 */
const forbid = (files, { paths = [], patterns = [], ignores = [] }, why, rule = 'no-restricted-imports') => ({
  files,
  ignores,
  rules: { [rule]: ['error', { paths: paths.map((name) => ({ name, message: why })), patterns: [{ group: patterns, message: why }].filter((p) => p.group.length) }] },
});

// A path into src/main or src/preload: climbing out of the renderer or through an alias.
const backEndPath = '(^|/)(\\.\\.|src)/(main|preload)(/|$)';
const backEndMessage = 'The renderer reaches the back end only through the contract and transport/api.';
const rendererImportRules = [
  { regex: backEndPath, message: backEndMessage },
  { regex: '^\\.\\./\\.\\./', message: 'Import through @renderer/ or @shared/ rather than climbing two or more folders.' },
];
// The renderer's data layer: every back-end call is made by a store, and a feature's store is its own.
const viaStores = { regex: '(^|/)transport/api$', message: 'Components read stores and call their actions; the store makes the call.' };
const ownStores = {
  // The managers (and what the watcher sees of them) are the one list every page shows.
  regex: '^(\\.\\./|@renderer/features/)(?!managers/managers-store$).*-store$',
  message: "A feature changes only its own store; to open another feature's page with something in it, go there with a route intent.",
};
const rendererImports = (...extra) => ['error', { paths: ['electron', ...nodeBuiltins], patterns: [...rendererImportRules, ...extra] }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['scripts/**/*.{mjs,cjs}', 'test/**/*.cjs', '*.config.*', 'postcss.config.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The renderer is a web page: no Electron, no Node, and no back end, however the path is spelled
    // (`../../../main/x`, `@shared/../main/x`, `@renderer/../../preload`), statically or lazily.
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': rendererImports(),
      'no-restricted-syntax': ['error', { selector: `ImportExpression > Literal[value=/${backEndPath.replaceAll('/', '\\x2F')}/]`, message: backEndMessage }],
    },
  },
  { files: ['src/renderer/src/features/**/*.ts'], rules: { 'no-restricted-imports': rendererImports(ownStores) } },
  { files: ['src/renderer/src/features/**/*.tsx'], rules: { 'no-restricted-imports': rendererImports(ownStores, viaStores) } },
  { files: ['src/renderer/src/**/*.tsx'], ignores: ['src/renderer/src/features/**'], rules: { 'no-restricted-imports': rendererImports(viaStores) } },
  forbid(['src/shared/**/*.ts'], { paths: ['electron', ...nodeBuiltins], patterns: ['**/main/**', '**/renderer/**', '**/preload/**'] }, 'src/shared is the contract both sides read: it imports nothing of the app, of Node or of Electron.'),
  forbid(['src/preload/**/*.ts'], { paths: nodeBuiltins, patterns: ['**/main/**', '**/renderer/**'] }, 'The preload binds the contract to IPC and nothing else.'),
  forbid(
    ['src/main/**/*.ts'],
    { paths: ['electron'], patterns: ['**/electron/**'], ignores: ['src/main/electron/**'] },
    'The back end is plain Node: only src/main/electron/ may touch Electron, and nothing imports that adapter.',
    '@typescript-eslint/no-restricted-imports',
  ),
  forbid(['src/main/transports/**/*.ts'], { patterns: ['**/backend', '**/services', '**/handlers', '**/handlers/**'] }, 'A transport binds a TransportHost (handlers, events, log); it knows nothing of the services behind it.'),
  forbid(['src/main/handlers/**/*.ts'], { patterns: ['**/transports/**', '**/backend'] }, 'Handlers adapt contract calls to services; they know nothing of how calls arrive.'),
  forbid(
    ['src/main/**/*.ts'],
    { patterns: ['**/backend', '**/services', '**/handlers', '**/handlers/**', '**/transports/**'], ignores: ['src/main/backend.ts', 'src/main/services.ts', 'src/main/web-cli.ts', 'src/main/handlers/**', 'src/main/transports/**', 'src/main/electron/**'] },
    'A service depends on other services only: the composition root (services.ts) wires them, handlers and transports sit on top.',
  ),
  forbid(['tools/manager-sim/**/*.ts'], { patterns: ['**/src/**', 'zod'] }, 'The simulator shares no code with the app, so a misunderstanding cannot hide by being copied.'),
);
