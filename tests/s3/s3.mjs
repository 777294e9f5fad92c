// careeval-server with its photos in an S3-compatible object store (issue 18). s3rver (npm) is the
// store, on loopback; what the server wrote is read back with the AWS SDK, an independent client.
// s3rver does not check signatures, so this proves the protocol (requests, keys, ranges, the
// x-amz-content-sha256 the server sends), not the signing (libcurl's SigV4 does that). Checked:
//  - the resumable chunk protocol is unchanged: chunks arrive, the upload reports how far it got,
//    and nothing is in the bucket until the last chunk is in and the bytes hash to the name;
//  - the complete blob is in the bucket under blobs/<sha256>, byte for byte, and not in the data folder;
//  - bytes that do not hash to the name are refused and never reach the bucket;
//  - a member reads the photo back through the server, whole and by byte range (ranged GETs);
//  - the chunks of one upload may go to different instances (staged in the bucket with the running
//    hash): no sticky balancing needed, and nothing staged is left once the blob is complete;
//  - on PostgreSQL, a second instance with an empty data folder serves the photo too;
//  - the store down at completion: a 507 with a request id (the reason in the log), then it goes through;
//  - a server pointed at a bucket that does not exist refuses to start, naming it.
// Usage: node s3.mjs --server PATH/careeval-server

import { S3Client, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const serverBin = args[args.indexOf('--server') + 1];
if (!serverBin || !fs.existsSync(serverBin)) {
  console.error('usage: node s3.mjs --server PATH/careeval-server');
  process.exit(2);
}

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careeval-s3-'));
const children = [];
process.on('exit', () => {
  for (const c of children)
    try {
      c.kill('SIGKILL');
    } catch {}
  fs.rmSync(tmp, { recursive: true, force: true });
});
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const s3Port = await freePort();
const s3rver = new S3rver({ port: s3Port, address: '127.0.0.1', directory: path.join(tmp, 's3'), silent: true, configureBuckets: [{ name: 'photos' }] });
await s3rver.run();
const endpoint = `http://127.0.0.1:${s3Port}`;
const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
const env = { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
// With CAREEVAL_TEST_PG (the s3_pg variant) every instance uses one PostgreSQL database of its own.
const cluster = process.env.CAREEVAL_TEST_PG;
let database = [];
if (cluster) {
  const name = `s3_${process.pid}`;
  execFileSync('psql', [cluster, '-q', '-c', `CREATE DATABASE ${name}`]);
  database = ['--database', cluster.slice(0, cluster.lastIndexOf('/') + 1) + name];
}

async function startServer(data, bucket = 'photos') {
  const port = await freePort();
  const child = spawn(serverBin, ['--data', data, '--listen', `127.0.0.1:${port}`, '--demo', '--admin-password', 's3-admin-1', '--threads', '2', '--blobs', `s3://${bucket}?endpoint=${endpoint}&region=us-east-1`, ...database], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  children.push(child);
  let log = '';
  const started = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 30000);
    child.stderr.on('data', (d) => {
      log += d;
      if (log.includes('listening on http://')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  return { port, child, started, log: () => log };
}

function request(port, method, target, { token, body, headers = {} } = {}) {
  return new Promise((resolve) => {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        let json = null;
        try {
          json = JSON.parse(raw.toString());
        } catch {}
        resolve({ status: res.statusCode, raw, json, headers: res.headers });
      });
    });
    req.on('error', (e) => resolve({ status: 0, raw: Buffer.from(String(e)), json: null }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const exists = async (key) => {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: key }));
    return true;
  } catch (e) {
    if (e.$metadata?.httpStatusCode === 404 || e.name === 'NotFound') return false;
    throw e;
  }
};

try {
  const data = path.join(tmp, 'data');
  const a = await startServer(data);
  check(a.started, 'the server starts with --blobs s3://photos?endpoint=…');
  const login = await request(a.port, 'POST', '/api/v1/auth/login', { body: JSON.stringify({ username: 'zhang.wei', password: 'demo-2025' }) });
  const token = login.json?.token;
  check(!!token, 'zhang.wei signs in');

  // A 10 MiB photo in 4 MiB chunks.
  const photo = crypto.randomBytes(10 * 1024 * 1024 + 12345);
  const sha = crypto.createHash('sha256').update(photo).digest('hex');
  const chunk = 4 * 1024 * 1024;
  const put = (offset, bytes, name = sha) => request(a.port, 'PUT', `/api/v1/blobs/${name}?offset=${offset}&total=${photo.length}`, { token, body: bytes });
  let r = await put(0, photo.subarray(0, chunk));
  check(r.status === 200 && r.json?.received === chunk && r.json?.complete === false, `first chunk stored (${r.status}, received ${r.json?.received})`);
  check(!(await exists(`blobs/${sha}`)), 'nothing is in the bucket while the upload is unfinished');
  r = await request(a.port, 'GET', `/api/v1/blobs/${sha}/upload`, { token });
  check(r.status === 200 && r.json?.received === chunk, 'the upload reports where to continue (the resumable protocol is unchanged)');
  r = await put(chunk, photo.subarray(chunk, 2 * chunk));
  r = await put(2 * chunk, photo.subarray(2 * chunk));
  check(r.status === 201 && r.json?.complete === true, `last chunk: complete and verified (${r.status})`);
  const obj = await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: `blobs/${sha}` }));
  const stored = Buffer.from(await obj.Body.transformToByteArray());
  check(stored.equals(photo), `the bucket holds blobs/${sha.slice(0, 12)}… byte for byte (read with the AWS SDK)`);
  check(!fs.existsSync(path.join(data, 'blobs', sha.slice(0, 2), sha)), 'the data folder keeps no copy');

  // Bytes that do not hash to their name never reach the bucket.
  const wrong = crypto.createHash('sha256').update('something else').digest('hex');
  const small = photo.subarray(0, 100000);
  r = await request(a.port, 'PUT', `/api/v1/blobs/${wrong}?offset=0&total=${small.length}`, { token, body: small });
  check(r.status === 422 && r.json?.error?.code === 'hash_mismatch', `bytes that hash to another name are refused (${r.status})`);
  check(!(await exists(`blobs/${wrong}`)), 'and are not in the bucket');
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'photos' }));
  check((listed.Contents ?? []).length === 1, `the bucket holds exactly one object: the blob, no staged chunks (${(listed.Contents ?? []).length})`);

  // Attached to the inspection, the photo is read back through the server, whole and by range.
  const op = { id: crypto.randomUUID(), inspection: 'demo-pilot-changchun-01', author: 'zhang.wei', device: 'tablet-s3', clock: 1, time: Date.now(), kind: 'photo.attach', target: 'site_photos', value: { sha256: sha } };
  r = await request(a.port, 'POST', '/api/v1/inspections/demo-pilot-changchun-01/ops', { token, body: JSON.stringify({ ops: [op] }) });
  check(r.status === 200 && r.json?.accepted === 1, `the photo is attached (${r.status} ${r.raw.toString().slice(0, 120)})`);
  r = await request(a.port, 'GET', `/api/v1/blobs/${sha}`, { token });
  check(r.status === 200 && r.raw.equals(photo), `the whole photo comes back through the server (${r.status}, ${r.raw.length} bytes)`);
  r = await request(a.port, 'GET', `/api/v1/blobs/${sha}`, { token, headers: { range: 'bytes=5000000-5000999' } });
  check(r.status === 206 && r.raw.equals(photo.subarray(5000000, 5001000)) && r.headers['content-range'] === `bytes 5000000-5000999/${photo.length}`, `a byte range comes back as 206 (${r.status})`);
  r = await request(a.port, 'GET', `/api/v1/blobs/${sha}`, { token, headers: { range: 'bytes=-100' } });
  check(r.status === 206 && r.raw.equals(photo.subarray(photo.length - 100)), 'the last 100 bytes too');

  // Another instance with an empty data folder on the same bucket: the chunks of one upload may
  // land on either (no sticky balancer needed): each is staged in the bucket with the running hash.
  const b = await startServer(path.join(tmp, 'data-b'));
  const loginB = await request(b.port, 'POST', '/api/v1/auth/login', { body: JSON.stringify({ username: 'zhang.wei', password: 'demo-2025' }) });
  const tokenB = loginB.json?.token;
  const photo2 = crypto.randomBytes(9 * 1024 * 1024 + 7);
  const sha2 = crypto.createHash('sha256').update(photo2).digest('hex');
  const put2 = (server, tok, offset, end) =>
    request(server.port, 'PUT', `/api/v1/blobs/${sha2}?offset=${offset}&total=${photo2.length}`, { token: tok, body: photo2.subarray(offset, end) });
  r = await put2(a, token, 0, chunk);
  const r2 = await put2(b, tokenB, chunk, 2 * chunk);
  check(r2.status === 200 && r2.json?.received === 2 * chunk, `the second chunk, sent to the other instance, continues the upload (${r2.status}, received ${r2.json?.received})`);
  const wrongPlace = await put2(a, token, 0, chunk);
  check(wrongPlace.status === 409 && wrongPlace.json?.received === 2 * chunk, `either instance tells where the upload stands (${wrongPlace.status}, ${wrongPlace.json?.received})`);
  r = await put2(a, token, 2 * chunk, photo2.length);
  check(r.status === 201, `the last chunk, back on the first instance, completes it (${r.status})`);
  const obj2 = await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: `blobs/${sha2}` }));
  check(Buffer.from(await obj2.Body.transformToByteArray()).equals(photo2), 'the blob assembled from chunks staged by two instances is byte for byte the photo');
  const left = await s3.send(new ListObjectsV2Command({ Bucket: 'photos', Prefix: 'uploads/' }));
  check((left.Contents ?? []).length === 0, `no staged chunk is left behind (${(left.Contents ?? []).length})`);
  if (cluster) {
    // On the same PostgreSQL database: it knows the attach and serves the photo from the bucket,
    // with the session the first instance issued.
    r = await request(b.port, 'GET', `/api/v1/blobs/${sha}`, { token, headers: { range: 'bytes=0-65535' } });
    check(r.status === 206 && r.raw.equals(photo.subarray(0, 65536)), `a second instance (empty data folder, same database and bucket) serves the photo (${r.status})`);
  }
  b.child.kill('SIGTERM');

  // The store goes away just as an upload completes: the tablet is told to send the photo again
  // (it still holds it); once the store is back, the same upload goes through.
  await s3rver.close();
  const late = crypto.randomBytes(200000);
  const lateSha = crypto.createHash('sha256').update(late).digest('hex');
  r = await request(a.port, 'PUT', `/api/v1/blobs/${lateSha}?offset=0&total=${late.length}`, { token, body: late });
  // A storage failure: the client gets 507 with a request id; the reason is in the server's log only.
  const id = r.json?.error?.request_id ?? '';
  check(r.status === 507 && id !== '' && !r.raw.toString().includes('127.0.0.1'), `with the store down, completing an upload is a 507 with a request id, not the store's address (${r.status})`);
  // The log line travels through a pipe: it may arrive a moment after the response does.
  const findLogged = () => a.log().split('\n').find((l) => l.includes(id) && l.includes('internal_error'));
  for (let i = 0; i < 100 && id !== '' && !findLogged(); ++i) await new Promise((res) => setTimeout(res, 50));
  const logged = findLogged();
  check(!!logged && logged.includes('object store') && logged.includes('upload again'), `the server's log says why under that id (${(logged ?? '').slice(0, 200)})`);
  await s3rver.run();
  r = await request(a.port, 'PUT', `/api/v1/blobs/${lateSha}?offset=0&total=${late.length}`, { token, body: late });
  check(r.status === 201, `with the store back, the same upload completes (${r.status})`);
  check(await exists(`blobs/${lateSha}`), 'and is in the bucket');

  // A bucket that does not exist: the server says so and does not start.
  const c = await startServer(path.join(tmp, 'data-c'), 'no-such-bucket');
  check(!c.started && c.log().includes('no-such-bucket'), `a missing bucket stops the server with its name (${c.log().trim().split('\n').pop()?.slice(0, 160)})`);
} catch (e) {
  console.log(`FAIL ${e.stack || e}`);
  failures++;
}
await s3rver.close();
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
