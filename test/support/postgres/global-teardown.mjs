// jest globalTeardown: stops every PostgreSQL server global-setup.mjs started for this run (the
// shared one and any private ones tests left running) and deletes their folder.
const STATE = Symbol.for('label-gateway.test-postgres');

export default async function globalTeardown() {
  const state = globalThis[STATE];
  if (!state) return; // TEST_DATABASE_URL: nothing of ours to stop
  delete globalThis[STATE];
  const startedAt = performance.now();
  await state.destroy();
  if (process.env.LABEL_GATEWAY_TEST_PG_VERBOSE) {
    process.stderr.write(`[test postgres] stopped and removed ${state.cluster.root} in ${((performance.now() - startedAt) / 1000).toFixed(2)} s\n`);
  }
}
