/**
 * A value made the first time it is asked for, then kept. For the JSON Schema validators of input
 * the gateway reads now and then (config files, fault definitions, state documents): ajv compiles a
 * schema in tens of milliseconds, and compiling them all when their modules load made every process
 * pay for them, even one that only prints `--help` (measured with `node --cpu-prof`).
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
