import http from 'node:http';
import { readCeilingOptions, statusFor } from './ceiling-options';

/**
 * node-ceiling: a bare node:http server answering every request with a fixed JSON body of the size
 * of the mock's get-one answer. What this machine, this node and this load generator can do at best.
 */
const { port, body } = readCeilingOptions(process.argv.slice(2));
const payload = Buffer.from(body);

const server = http.createServer((req, res) => {
  const answer = () => {
    res.writeHead(statusFor(req.method), { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': payload.length });
    res.end(payload);
  };
  if (req.method === 'GET' || req.method === 'HEAD') return answer();
  req.resume(); // the body is read (as any server must) and dropped
  req.on('end', answer);
});

server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
