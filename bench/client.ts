// The load client: a separate process (so its work never shares the servers' event loop) that
// signs requests exactly as Slack does and sends them over keep-alive connections, one at a
// time, timing each from the first byte written to the last byte of the answer.
//
// Protocol: newline-delimited JSON. In on stdin:
//   {"op":"send","id":1,"port":1234,"reqs":[{"body":"…","contentType":"…","benchId":"b1"}]}
//   {"op":"exit"}
// Out on stdout, one line per "send", after all its requests are answered:
//   {"id":1,"results":[{"ms":1.23,"status":200,"t0":1763860000123.456,"bytes":0,"reused":true}],"stalls":[[t1,t2]]}
// `stalls` are the intervals since the last answer in which this process was not running
// (its 10 ms timer fired more than 60 ms apart).
// `t0` is epoch milliseconds with sub-ms precision (performance.timeOrigin + now()), so the
// parent can compare it with its own clock.
import http from 'node:http';
import { createInterface } from 'node:readline';
import { signSlackRequest } from '../test/harness/slack-request';

const secret = process.env.BENCH_SIGNING_SECRET ?? '';
if (!secret) {
  process.stderr.write('client: BENCH_SIGNING_SECRET is required\n');
  process.exit(2);
}

interface Req {
  body: string;
  contentType: string;
  benchId: string;
}
interface Result {
  ms: number;
  status: number;
  t0: number;
  bytes: number;
  /** Whether the request went out on a kept-alive connection. */
  reused: boolean;
  error?: string;
}

const agents = new Map<number, http.Agent>();
function agentFor(port: number): http.Agent {
  let a = agents.get(port);
  if (!a) {
    // One connection per server, reused; closed by us after 4 s idle, before the server's
    // 5 s keep-alive timeout could close it under a request.
    a = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 4000 });
    agents.set(port, a);
  }
  return a;
}

const epochNow = () => performance.timeOrigin + performance.now();

function sendOnce(port: number, r: Req): Promise<Result> {
  const headers = {
    'Content-Type': r.contentType,
    'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'Content-Length': String(Buffer.byteLength(r.body)),
    'X-Bench-Id': r.benchId,
    ...signSlackRequest(secret, r.body, Math.floor(Date.now() / 1000)),
  };
  return new Promise((resolve, reject) => {
    const t0 = epochNow();
    const started = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent: agentFor(port), headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('error', reject);
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, t0, bytes, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

async function send(port: number, r: Req): Promise<Result> {
  try {
    return await sendOnce(port, r);
  } catch (err) {
    // A keep-alive connection the server closed just as we reused it: send again, once.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || code === 'EPIPE') {
      try {
        return { ...(await sendOnce(port, r)), error: `retried after ${code}` };
      } catch (again) {
        return { ms: NaN, status: 0, t0: epochNow(), bytes: 0, reused: false, error: String(again) };
      }
    }
    return { ms: NaN, status: 0, t0: epochNow(), bytes: 0, reused: false, error: String(err) };
  }
}

// Stalls of this process (a timer firing > 50 ms late): the machine did not run the client, so
// a request timed across one measures the machine, not the app. Reported with every answer.
let stalls: Array<[number, number]> = [];
let lastTick = epochNow();
setInterval(() => {
  const now = epochNow();
  if (now - lastTick > 60) stalls.push([lastTick, now]);
  lastTick = now;
}, 10).unref();

const rl = createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  const msg = JSON.parse(line) as { op: 'send'; id: number; port: number; reqs: Req[] } | { op: 'exit' };
  queue = queue.then(async () => {
    if (msg.op === 'exit') {
      for (const a of agents.values()) a.destroy();
      process.exit(0);
    }
    const results: Result[] = [];
    for (const r of msg.reqs) results.push(await send(msg.port, r));
    const reported = stalls;
    stalls = [];
    process.stdout.write(`${JSON.stringify({ id: msg.id, results, stalls: reported })}\n`);
  });
});
rl.on('close', () => {
  for (const a of agents.values()) a.destroy();
  process.exit(0);
});
