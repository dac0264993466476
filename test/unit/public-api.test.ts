import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const INDEX = path.join(ROOT, 'src', 'index.ts');

/**
 * Every named type (interface, type alias, class, enum) of this package that the exported functions,
 * values and types are made of, followed through properties, parameters, results and type arguments.
 */
function typesReachedFromExports(): { exported: Set<string>; reached: Map<string, string> } {
  const program = ts.createProgram([INDEX], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: ['node'] });
  const checker = program.getTypeChecker();
  const ownFile = (declaration: ts.Declaration) => {
    const file = declaration.getSourceFile().fileName;
    return file.startsWith(ROOT) && !file.includes('node_modules');
  };
  const exported = new Set<string>();
  const reached = new Map<string, string>(); // name → where it was first seen
  const seen = new Set<ts.Type>();

  const noteSymbol = (symbol: ts.Symbol | undefined, via: string) => {
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration || !ownFile(declaration)) return;
    const named = ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isClassDeclaration(declaration) || ts.isEnumDeclaration(declaration);
    if (named && !reached.has(symbol.name)) reached.set(symbol.name, via);
  };

  const visit = (type: ts.Type, via: string): void => {
    if (seen.has(type)) return;
    seen.add(type);
    noteSymbol(type.aliasSymbol, via);
    type.aliasTypeArguments?.forEach((argument) => visit(argument, via));
    noteSymbol(type.getSymbol(), via);
    if (type.isUnionOrIntersection()) type.types.forEach((member) => visit(member, via));
    if (type.flags & ts.TypeFlags.Object) {
      if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) checker.getTypeArguments(type as ts.TypeReference).forEach((argument) => visit(argument, via));
      const symbol = type.getSymbol();
      // Library types (Promise, Map…) are followed only through their type arguments.
      if (symbol?.declarations?.some((declaration) => !ownFile(declaration))) return;
      for (const property of type.getProperties()) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (declaration) visit(checker.getTypeOfSymbolAtLocation(property, declaration), `${via}.${property.name}`);
      }
      for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
        for (const parameter of signature.getParameters()) {
          const declaration = parameter.valueDeclaration ?? parameter.declarations?.[0];
          if (declaration) visit(checker.getTypeOfSymbolAtLocation(parameter, declaration), `${via}(${parameter.name})`);
        }
        visit(signature.getReturnType(), `${via}()`);
      }
    }
  };

  const module = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
  for (const symbol of checker.getExportsOfModule(module)) {
    exported.add(symbol.name);
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target.declarations![0];
    if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class)) visit(checker.getDeclaredTypeOfSymbol(target), symbol.name);
    if (target.flags & ts.SymbolFlags.Value) visit(checker.getTypeOfSymbolAtLocation(target, declaration), symbol.name);
  }
  return { exported, reached };
}

describe('the public API (src/index.ts)', () => {
  it('exports every type that its exported functions, values and types are made of', () => {
    const { exported, reached } = typesReachedFromExports();
    const missing = [...reached].filter(([name]) => !exported.has(name)).map(([name, via]) => `${name} (reached through ${via})`);
    expect(missing).toEqual([]);
    // The ones users asked for by name, so a lost export is noticed even if nothing refers to it.
    for (const name of ['startGateway', 'GatewayOptions', 'RunningGateway', 'ProxyConfig', 'UpstreamRoute', 'Logger', 'AccessEntry', 'CorsSettings']) {
      expect(exported).toContain(name);
    }
  });
});
