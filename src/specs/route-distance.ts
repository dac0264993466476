/**
 * How far a request is from an operation, for near-miss hints ("did you mean POST /kirim/v1/labels?").
 * Paths are compared segment by segment (an edit distance where a `{param}` takes any segment and two
 * different literals cost their normalised character distance, so `label` is close to `labels`), and
 * a different method adds to it, less for PUT against PATCH, which both update.
 */
export function routeDistance(templateSegments: readonly string[], method: string, requestSegments: readonly string[], requestMethod: string): number {
  return segmentDistance(templateSegments, requestSegments) + methodDistance(method, requestMethod);
}

const UPDATE_METHODS = new Set(['put', 'patch']);

export function methodDistance(a: string, b: string): number {
  if (a === b) return 0;
  return UPDATE_METHODS.has(a) && UPDATE_METHODS.has(b) ? 0.5 : 1;
}

function segmentDistance(template: readonly string[], request: readonly string[]): number {
  // Classic dynamic programming over two short lists (a path has a handful of segments).
  let previous = Array.from({ length: request.length + 1 }, (_, position) => position);
  for (let row = 1; row <= template.length; row++) {
    const current = [row];
    for (let column = 1; column <= request.length; column++) {
      current[column] = Math.min(
        previous[column] + 1,
        current[column - 1] + 1,
        previous[column - 1] + substitutionCost(template[row - 1], request[column - 1]),
      );
    }
    previous = current;
  }
  return previous[request.length];
}

function substitutionCost(templateSegment: string, requestSegment: string): number {
  if (templateSegment.startsWith('{') && templateSegment.endsWith('}')) return requestSegment.length > 0 ? 0 : 1;
  if (templateSegment === requestSegment) return 0;
  return characterDistance(templateSegment.toLowerCase(), requestSegment.toLowerCase()) / Math.max(templateSegment.length, requestSegment.length);
}

function characterDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, position) => position);
  for (let row = 1; row <= a.length; row++) {
    const current = [row];
    for (let column = 1; column <= b.length; column++) {
      current[column] = Math.min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (a[row - 1] === b[column - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
