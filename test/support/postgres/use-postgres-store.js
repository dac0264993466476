// jest setupFiles of the `postgres` project: startTestGateway() opens each gateway on a fresh
// PostgreSQL database instead of memory (see test/support/test-gateway.ts).
process.env.LABEL_GATEWAY_TEST_STORE = 'postgres';
