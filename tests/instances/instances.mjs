// Two careeval-server instances on one PostgreSQL database behind nginx (issue 18), as a national
// deployment runs them. Needs the ctest fixture's cluster (CAREEVAL_TEST_PG) and nginx; Node's own
// modules only. Checked:
//  - a token issued by one instance works on the other (each token is tried on both directly);
//  - three tablets pushing and pulling through the balancer (so each request may land on either
//    instance) converge: each ends with exactly the operations the server acknowledged to anyone;
//  - kill -9 of one instance while pushes are in flight loses nothing acknowledged: the tablets see
//    errors for what was cut off, send it again (pushes are idempotent), and every operation ever
//    answered 200 is in the log afterwards;
//  - an instance started afterwards on the same database serves the same state as the survivor.
//  - photos go to an S3-compatible store (s3rver from tests/s3/node_modules) in small chunks through
//    the round-robin balancer, so consecutive chunks of one upload land on different instances; each
//    completes, byte for byte, and is served by the survivor.
//
// Usage: node instances.mjs --server PATH/careeval-server

import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const serverBin = args[args.indexOf('--server') + 1];
const cluster = process.env.CAREEVAL_TEST_PG;
if (!serverBin || !cluster) {
  console.error('usage: CAREEVAL_TEST_PG=postgresql://… node instances.mjs --server careeval-server');
  process.exit(2);
}
const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
if (!nginxBin) {
  console.error('nginx is not installed (scripts/deps.sh installs nginx-light)');
  process.exit(1);
}

let failures = 0;
const check = (ok, what) => {
  if (ok) console.log(`ok   ${what}`);
  else {
    failures++;
    console.log(`FAIL ${what}`);
  }
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careeval-instances-'));
const children = [];
let nginxChild = null;
const cleanup = () => {
  // nginx gets SIGTERM: its master then stops its worker (SIGKILL to the master would orphan it).
  for (const c of children)
    try {
      c.kill(c === nginxChild ? 'SIGTERM' : 'SIGKILL');
    } catch {}
  fs.rmSync(tmp, { recursive: true, force: true });
};
process.on('exit', cleanup);

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// A database of its own on the test cluster.
const dbName = `instances_${process.pid}`;
execFileSync('psql', [cluster, '-q', '-c', `CREATE DATABASE ${dbName}`]);
const dbUrl = cluster.slice(0, cluster.lastIndexOf('/') + 1) + dbName;
// The object store: s3rver, installed with tests/s3's packages.
const S3rver = createRequire(path.resolve('../s3/package.json'))('s3rver');
const s3Port = await freePort();
const s3rver = new S3rver({ port: s3Port, address: '127.0.0.1', directory: path.join(tmp, 's3'), silent: true, configureBuckets: [{ name: 'photos' }] });
await s3rver.run();
const blobs = `s3://photos?endpoint=http://127.0.0.1:${s3Port}&region=us-east-1`;

async function startInstance(name) {
  const port = await freePort();
  const data = path.join(tmp, name.replace(/ /g, '-'));
  const child = spawn(serverBin, ['--data', data, '--database', dbUrl, '--blobs', blobs, '--listen', `127.0.0.1:${port}`, '--demo', '--admin-password', 'instances-admin-1', '--threads', '2'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
  });
  children.push(child);
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${log}`)), 30000);
    child.stderr.on('data', (d) => {
      log += d;
      if (log.includes('listening on http://')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}):\n${log}`)));
  });
  return { name, port, child };
}

function request(port, method, target, { token, json, raw, headers: extra = {} } = {}) {
  return new Promise((resolve) => {
    const headers = { ...extra };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) {
      payload = raw;
      headers['content-length'] = payload.length;
    } else if (json !== undefined) {
      payload = Buffer.from(JSON.stringify(json));
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        let parsed = null;
        try {
          parsed = JSON.parse(body);
        } catch {}
        resolve({ status: res.statusCode, body: parsed, text: body, bytes: Buffer.concat(chunks) });
      });
      res.on('error', () => resolve({ status: 0, body: null, text: 'cut' }));
    });
    req.on('error', (e) => resolve({ status: 0, body: null, text: String(e) }));
    req.setTimeout(20000, () => req.destroy(new Error('timeout')));
    if (payload) req.write(payload);
    req.end();
  });
}

try {
  const a = await startInstance('instance A');
  const b = await startInstance('instance B');

  // nginx in front of both, round robin; a push is not retried by nginx (POST is not idempotent to
  // it), the tablet retries it.
  const lbPort = await freePort();
  fs.writeFileSync(
    path.join(tmp, 'nginx.conf'),
    `daemon off;
${process.getuid() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  upstream careeval { server 127.0.0.1:${a.port} max_fails=1 fail_timeout=2s; server 127.0.0.1:${b.port} max_fails=1 fail_timeout=2s; }
  server {
    listen 127.0.0.1:${lbPort};
    client_max_body_size 0;
    location / { proxy_pass http://careeval; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_request_buffering off; }
  }
}
`,
  );
  const nginx = spawn(nginxBin, ['-p', tmp, '-c', path.join(tmp, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(nginx);
  nginxChild = nginx;
  for (let i = 0; i < 100; i++) {
    const r = await request(lbPort, 'GET', '/healthz');
    if (r.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  const inspection = 'demo-pilot-changchun-01';
  const users = ['li.hua', 'wang.fang', 'zhang.wei'];
  const tablets = [];
  for (const user of users) {
    const r = await request(lbPort, 'POST', '/api/v1/auth/login', { json: { username: user, password: 'demo-2025' } });
    check(r.status === 200 && r.body?.token, `${user} signs in through the balancer`);
    const token = r.body?.token;
    const onA = await request(a.port, 'GET', '/api/v1/me', { token });
    const onB = await request(b.port, 'GET', '/api/v1/me', { token });
    check(onA.status === 200 && onB.status === 200 && onB.body?.username === user, `${user}'s token works on instance A and on instance B`);
    tablets.push({ user, token, device: `tablet-${user}`, clock: 0, cursor: 0, held: new Set(), pending: [], acked: [] });
  }

  const items = ['staff_total', 'staff_trained', 'staff_examined', 'staff_passed', 'residents_total', 'beds_total'];
  const makeBatch = (t, n) => {
    const ops = [];
    for (let i = 0; i < n; i++) {
      t.clock++;
      ops.push({ id: crypto.randomUUID(), inspection, author: t.user, device: t.device, clock: t.clock, time: Date.now(), kind: 'set', target: items[t.clock % 6], value: t.clock % 200 });
    }
    return ops;
  };
  const pull = async (t, port = lbPort) => {
    for (;;) {
      const r = await request(port, 'GET', `/api/v1/inspections/${inspection}/ops?after=${t.cursor}&limit=500`, { token: t.token });
      if (r.status !== 200) return false;
      for (const op of r.body.ops) {
        t.held.add(op.id);
        t.clock = Math.max(t.clock, op.clock);
      }
      t.cursor = r.body.next;
      if (!r.body.more) return true;
    }
  };
  const acked = new Set();
  let cutOff = 0;
  const work = async (t, rounds) => {
    for (let i = 0; i < rounds; i++) {
      if (t.pending.length === 0) t.pending = makeBatch(t, 20);
      const r = await request(lbPort, 'POST', `/api/v1/inspections/${inspection}/ops`, { token: t.token, json: { ops: t.pending } });
      if (r.status === 200) {
        const took = r.body.results.every((x) => x.status === 'accepted' || x.status === 'already_had');
        if (!took) console.log(`refused: ${r.text.slice(0, 300)}`);
        for (const op of t.pending) acked.add(op.id);
        t.pending = [];
      } else {
        cutOff++; // kept, sent again next round
      }
      await pull(t);
    }
  };

  // A photo per tablet, 512 KiB at a time through the round-robin balancer: the server says where
  // each upload stands (200/409 with "received"), whichever instance answers.
  const photos = new Map();
  const upload = async (t) => {
    const photo = crypto.randomBytes(6 * 1024 * 1024 + 99);
    const sha = crypto.createHash('sha256').update(photo).digest('hex');
    photos.set(t.user, { sha, photo, done: false });
    let offset = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const end = Math.min(photo.length, offset + 512 * 1024);
      const r = await request(lbPort, 'PUT', `/api/v1/blobs/${sha}?offset=${offset}&total=${photo.length}`, { token: t.token, raw: photo.subarray(offset, end) });
      if (r.status === 201) {
        photos.get(t.user).done = true;
        return;
      }
      if ((r.status === 200 || r.status === 409) && Number.isInteger(r.body?.received)) offset = r.body.received;
      else await new Promise((res) => setTimeout(res, 50)); // cut off: ask again
    }
  };

  // Everyone works; instance B is killed (-9) while pushes are in flight.
  const killer = (async () => {
    while (acked.size < 600) await new Promise((r) => setTimeout(r, 5));
    b.child.kill('SIGKILL');
    console.log(`instance B killed (-9) after ${acked.size} operations were acknowledged`);
  })();
  await Promise.all([...tablets.map((t) => work(t, 40)), ...tablets.map((t) => upload(t)), killer]);
  // Whatever was cut off is sent until it is taken.
  for (const t of tablets) for (let i = 0; i < 20 && t.pending.length; i++) await work(t, 1);
  for (const t of tablets) await pull(t);
  console.log(`${acked.size} operations acknowledged; ${cutOff} pushes cut off or refused by the balancer and sent again`);
  check(tablets.every((t) => t.pending.length === 0), 'every tablet got its batches acknowledged in the end');

  // Nothing acknowledged is lost, and the tablets converge on the same log.
  const log = { cursor: 0, held: new Set(), clock: 0, token: tablets[0].token };
  await pull(log, a.port);
  const missing = [...acked].filter((id) => !log.held.has(id));
  check(missing.length === 0, `every acknowledged operation is in the log (${missing.length} missing of ${acked.size})`);
  for (const t of tablets) {
    const same = t.held.size === log.held.size && [...t.held].every((id) => log.held.has(id));
    check(same, `${t.user}'s tablet holds exactly the log (${t.held.size} of ${log.held.size})`);
  }

  // Every photo is complete and byte for byte what the tablet sent, read through the survivor.
  for (const t of tablets) {
    const { sha, photo, done } = photos.get(t.user);
    const op = { id: crypto.randomUUID(), inspection, author: t.user, device: t.device, clock: ++t.clock, time: Date.now(), kind: 'photo.attach', target: 'site_photos', value: { sha256: sha } };
    await request(a.port, 'POST', `/api/v1/inspections/${inspection}/ops`, { token: t.token, json: { ops: [op] } });
    const got = await request(a.port, 'GET', `/api/v1/blobs/${sha}`, { token: t.token });
    check(done && got.status === 200 && got.bytes.equals(photo), `${t.user}'s photo, its chunks answered by either instance, is complete and served byte for byte (${got.status})`);
  }

  // A new instance on the same database serves the same merged state as the survivor.
  const c = await startInstance('instance C');
  // "Last pulled at" (in the state's member records) is bookkeeping each instance writes once a second.
  await new Promise((r) => setTimeout(r, 1500));
  const sa = await request(a.port, 'GET', `/api/v1/inspections/${inspection}/state`, { token: tablets[0].token });
  const sc = await request(c.port, 'GET', `/api/v1/inspections/${inspection}/state`, { token: tablets[0].token });
  const same = sa.status === 200 && sc.status === 200 && sa.text === sc.text;
  if (!same) {
    let i = 0;
    while (i < sa.text.length && sa.text[i] === sc.text[i]) i++;
    console.log(`A: ${sa.status} …${sa.text.slice(Math.max(0, i - 200), i + 200)}\nC: ${sc.status} …${sc.text.slice(Math.max(0, i - 200), i + 200)}`);
  }
  check(same, 'instance C, started afterwards, serves the same state as instance A');
} catch (e) {
  console.log(`FAIL ${e.stack || e}`);
  failures++;
}
await s3rver.close().catch(() => {});
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
