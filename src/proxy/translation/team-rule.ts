import type { DialectId } from '../../core/dialects';
import type { CompiledOperation } from '../../specs/compiled-operation';
import { describeAjvError } from '../../specs/describe-error';

/**
 * What a dialect accepts as a team id, read from its own spec (the `team_id` parameter of its list
 * operation) rather than restated here: SuperSend v2's UUID, Kirim's identifier.
 */
export interface TeamRule {
  /** Every label lives in a team the client must name (SuperSend v2's list requires one). */
  readonly required: boolean;
  /** Why `team` is not a team id of the dialect, in the spec's words; undefined when it is one. */
  problemWith(team: string): string | undefined;
}

interface ParameterSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

/** undefined: the dialect has no teams (Attention, Jasni; SuperSend v1 never names one). */
export function teamRuleOf(operations: Iterable<CompiledOperation>, dialect: DialectId): TeamRule | undefined {
  let list: CompiledOperation | undefined;
  for (const operation of operations) if (operation.dialect === dialect && operation.operationId === 'listLabels') list = operation;
  const validate = list?.queryParameters.validate;
  const schema = validate?.schema as ParameterSchema | undefined;
  if (!validate || !schema?.properties?.team_id) return undefined;
  return {
    required: schema.required?.includes('team_id') ?? false,
    problemWith(team) {
      // Only team_id is given; every other parameter of the list is optional or has a default.
      if (validate({ team_id: team })) return undefined;
      const [first] = validate.errors ?? [];
      return first ? describeAjvError(first, 'query').message : 'is not valid';
    },
  };
}
