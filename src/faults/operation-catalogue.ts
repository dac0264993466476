import type { DialectId } from '../core/dialects';
import { responseValidator, type CompiledOperation } from '../specs/compiled-operation';

/** The operations a fault may name, from the specs, and the answers each can express. */
export class OperationCatalogue {
  private readonly byDialect = new Map<DialectId, Map<string, CompiledOperation>>();

  constructor(operations: Iterable<CompiledOperation>) {
    for (const operation of operations) {
      let ofDialect = this.byDialect.get(operation.dialect);
      if (!ofDialect) this.byDialect.set(operation.dialect, (ofDialect = new Map()));
      ofDialect.set(operation.operationId, operation);
    }
  }

  /** The operation ids of a dialect (of every dialect when it is undefined), for error messages. */
  operationIds(dialect?: DialectId): string[] {
    const dialects = dialect ? [dialect] : [...this.byDialect.keys()];
    return [...new Set(dialects.flatMap((each) => [...(this.byDialect.get(each)?.keys() ?? [])]))].sort();
  }

  /** The operations a fault with this dialect and operation filter can match. */
  matching(dialect: DialectId | undefined, operationId: string | undefined): CompiledOperation[] {
    const dialects = dialect ? [dialect] : [...this.byDialect.keys()];
    return dialects.flatMap((each) => {
      const ofDialect = this.byDialect.get(each);
      if (!ofDialect) return [];
      if (operationId === undefined) return [...ofDialect.values()];
      const operation = ofDialect.get(operationId);
      return operation ? [operation] : [];
    });
  }

  /** Whether the spec documents this status for the operation (its own entry, an `NXX` range, or `default`). */
  static canAnswer(operation: CompiledOperation, status: number): boolean {
    return responseValidator(operation, status) !== undefined;
  }
}
