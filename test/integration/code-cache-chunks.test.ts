import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The web back end loads out/main/chunks through its code cache (src/main/lifecycle/code-cache.ts),
 * which runs each chunk as a vm script with a plain `require(id)`: a dynamic `import()` there needs
 * Node's experimental loader, and `require.resolve`, `require.cache` and the like are not there. A
 * build that used them would fail only when that code ran, so the built chunks are read for them.
 */
const chunksDir = join(import.meta.dirname, '../../out/main/chunks');

/** Dynamic imports and uses of `require` other than a call, in a built chunk (comments and strings skipped by the parser). */
function unsupported(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const where = (n: ts.Node) => `${file.split('/').pop()}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) found.push(`import() at ${where(n)}`);
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'require') {
      found.push(`${n.getText(source)} at ${where(n)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

describe('the chunks the back end loads through its code cache', () => {
  it('use only a plain require(id): no import(), no require.resolve or require.cache', () => {
    if (!existsSync(chunksDir)) throw new Error('out/main/chunks is missing: build first (npm run build; npm test does)');
    const files = readdirSync(chunksDir).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => unsupported(join(chunksDir, f)))).toEqual([]);
  });

  it('are read for both: a chunk that uses them is caught', () => {
    const probe = join(mkdtempSync(join(tmpdir(), 'desk-chunk-')), 'probe.js');
    writeFileSync(probe, '// import("x") in a comment\nconst a = "require.resolve";\nimport("./late.js");\nrequire.resolve("undici");\nrequire("undici");\n');
    expect(unsupported(probe)).toEqual(['import() at probe.js:3', 'require.resolve at probe.js:4']);
  });
});
