import express from 'express';
import { readCeilingOptions, statusFor } from './ceiling-options';

/**
 * express-ceiling: an Express 5 app with express.json() that answers every request with res.json()
 * of a fixed body (the mock's get-one answer); a POST body is parsed first. What the gateway's own
 * framework costs before any of the gateway's work.
 */
const { port, body } = readCeilingOptions(process.argv.slice(2));
const answer: unknown = JSON.parse(body);

const app = express();
app.disable('x-powered-by');
app.set('etag', false); // as the gateway
app.use(express.json());
app.use((req, res) => {
  res.status(statusFor(req.method)).json(answer);
});

const server = app.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
