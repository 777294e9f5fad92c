// The API contract, checked against the real server with third-party tools.
//
//   node contract.mjs --server PATH/careeval-server --doc PATH/openapi.yaml
//
// 1. The route table the server prints (careeval-server --routes) and the document's paths are the
//    same set: no route undocumented, no documented route the server lacks.
// 2. A real server (demo data, a temporary data directory, a loopback port) is driven through every
//    route — a day's operations pushed by a team, photos uploaded in chunks, review, exports, draws —
//    and through the refusals each route can give. Every live response is checked: its status must be
//    documented for its operation, its content type must be documented for that status, and its JSON
//    body is validated with openapi-backend (Ajv) against the schema, whose objects list all their
//    fields (additionalProperties: false): an undocumented status, field or content type fails.
// 3. Every documented operation must have been driven at least once with a 2xx answer.
//
// Exit status 0 only when all of that holds; every failure is printed with the request.

import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAPIBackend from 'openapi-backend';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const serverBin = arg('--server', path.join(root, 'build/syncserver/careeval-server'));
const docPath = arg('--doc', path.join(root, 'docs/api/openapi.yaml'));

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.error('FAIL ' + what);
};

// ---- the document ---------------------------------------------------------------------------------
const doc = YAML.parse(fs.readFileSync(docPath, 'utf8'));
const api = new OpenAPIBackend.default({
  definition: structuredClone(doc),
  strict: true,
  validate: true,
  quick: false,
  ajvOpts: { allErrors: true },
  customizeAjv: (ajv) => {
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    ajv.addFormat('binary', true);
    return ajv;
  },
});
await api.init();

// ---- 1. routes == paths ---------------------------------------------------------------------------
const routes = JSON.parse(execFileSync(serverBin, ['--routes'], { encoding: 'utf8' }));
const documented = new Set();
for (const [p, item] of Object.entries(doc.paths))
  for (const m of Object.keys(item)) if (m !== 'parameters') documented.add(`${m.toUpperCase()} ${p}`);
const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
for (const r of served) if (!documented.has(r)) fail(`route ${r} is served but not in ${path.basename(docPath)}`);
for (const r of documented) if (!served.has(r)) fail(`${r} is documented but the server has no such route`);
console.log(`routes: ${served.size} served, ${documented.size} documented`);

// ---- the server -----------------------------------------------------------------------------------
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const port = await freePort();
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'careeval-contract-'));
const adminPassword = 'contract-admin-1';
const server = spawn(serverBin, ['--data', data, '--listen', `127.0.0.1:${port}`, '--demo', '--admin-password', adminPassword], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
let serverLog = '';
server.stderr.on('data', (d) => (serverLog += d));
const stop = () => {
  try {
    server.kill('SIGTERM');
  } catch {}
  fs.rmSync(data, { recursive: true, force: true });
};
process.on('exit', stop);

// ---- requests, each checked against the document -------------------------------------------------
const covered = new Map(); // "METHOD /pattern" → set of statuses seen

function request(method, target, { token, json, body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload = body;
    if (json !== undefined) {
      payload = Buffer.from(typeof json === 'string' ? json : JSON.stringify(json));
      h['content-type'] = 'application/json';
    }
    if (payload !== undefined) h['content-length'] = Buffer.byteLength(payload);
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// The document's operation for a method and path ("/api/v1/inspections/x/ops" → its pattern).
function operationFor(method, pathname) {
  for (const [p, item] of Object.entries(doc.paths)) {
    const re = new RegExp('^' + p.replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (!re.test(pathname)) continue;
    // A literal segment wins over a {name} in its place (/blobs/missing before /blobs/{sha256}).
    const literal = Object.keys(doc.paths).find(
      (q) => q !== p && !q.includes('{') && q === pathname && doc.paths[q]
    );
    if (literal) continue;
    const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    return { pattern: p, item, operation: item[m], method: m };
  }
  return null;
}

async function call(method, target, options = {}, expect) {
  const res = await request(method, target, options);
  const url = new URL(target, 'http://x');
  const label = `${method} ${url.pathname}${url.search} → ${res.status}`;
  if (expect !== undefined && res.status !== expect)
    fail(`${label}: expected ${expect} (${res.body.toString('utf8', 0, 300)})`);
  const found = operationFor(method, url.pathname);
  if (!found) {
    fail(`${label}: the path is not in the document`);
    return res;
  }
  // A method the path does not have is answered by the path (405, 501): documented in each of its
  // operations, since OpenAPI has no path-level responses.
  let operation = found.operation;
  if (!operation) {
    operation = Object.entries(found.item).find(([k]) => k !== 'parameters')[1];
    if (res.status !== 405 && res.status !== 501) fail(`${label}: ${method} is not documented on ${found.pattern}`);
  } else {
    const key = `${found.method.toUpperCase()} ${found.pattern}`;
    if (!covered.has(key)) covered.set(key, new Set());
    covered.get(key).add(res.status);
  }
  const documentedResponse = operation.responses[String(res.status)];
  if (!documentedResponse) {
    fail(`${label}: status ${res.status} is not documented for ${operation.operationId} (${res.body.toString('utf8', 0, 200)})`);
    return res;
  }
  const resolved = documentedResponse.$ref ? doc.components.responses[documentedResponse.$ref.split('/').pop()] : documentedResponse;
  const contentType = (res.headers['content-type'] || '').split(';')[0].trim();
  const hasBody = res.body.length > 0;
  if (hasBody || (method !== 'HEAD' && res.status !== 304 && resolved.content)) {
    if (!resolved.content || !resolved.content[contentType]) {
      fail(`${label}: content type "${contentType}" is not documented for ${operation.operationId} ${res.status}`);
      return res;
    }
  }
  if (method !== 'HEAD' && contentType === 'application/json') {
    let parsed;
    try {
      parsed = JSON.parse(res.body.toString('utf8'));
    } catch (e) {
      fail(`${label}: the body is not JSON: ${e.message}`);
      return res;
    }
    res.json = parsed;
    const v = api.validateResponse(parsed, operation.operationId, res.status);
    if (!v.valid)
      fail(`${label}: the body does not fit the document: ${JSON.stringify(v.errors.slice(0, 5))} in ${res.body.toString('utf8', 0, 300)}`);
  }
  return res;
}

// ---- 2. drive every route -------------------------------------------------------------------------
for (let i = 0; ; ++i) {
  try {
    if ((await request('GET', '/healthz')).status === 200) break;
  } catch {}
  if (i > 100) {
    console.error(serverLog);
    fail('the server did not start');
    process.exit(1); // stops the server too (the exit handler)
  }
  await new Promise((r) => setTimeout(r, 100));
}
const demoPassword = 'demo-2025';
const V1 = '/api/v1';
const signIn = async (username, password = demoPassword) =>
  (await call('POST', `${V1}/auth/login`, { json: { username, password } }, 200)).json.token;

await call('GET', '/healthz', {}, 200);
await call('GET', '/metrics', {}, 200);
await call('POST', '/healthz', {}, 405);
await call('BREW', '/healthz', {}, 501);

// Accounts
await call('POST', `${V1}/auth/login`, { json: { username: 'admin' } }, 400);
await call('POST', `${V1}/auth/login`, { json: '{"username": "admin", ' }, 400);
await call('POST', `${V1}/auth/login`, { json: { username: 'admin', password: 'wrong-password' } }, 401);
for (let i = 0; i < 5; ++i) await call('POST', `${V1}/auth/login`, { json: { username: 'ghost', password: 'wrong' } }, 401);
await call('POST', `${V1}/auth/login`, { json: { username: 'ghost', password: 'wrong' } }, 429);
const admin = await signIn('admin', adminPassword);
const lead = await signIn('li.hua');
const ev1 = await signIn('wang.fang');
const ev2 = await signIn('zhang.wei');
const supervisor = await signIn('chen.jing');
await call('GET', `${V1}/me`, { token: admin }, 200);
await call('HEAD', `${V1}/me`, { token: admin }, 200);
await call('GET', `${V1}/me`, {}, 401);
await call('GET', `${V1}/me`, { token: 'not-a-token' }, 401);
await call('DELETE', `${V1}/me`, { token: admin }, 405);
await call('GET', `${V1}/me`, { token: admin, headers: { 'x-padding': 'a'.repeat(20000) } }, 431);
await call('GET', `${V1}/users`, { token: admin }, 200);
await call('GET', `${V1}/users`, { token: ev1 }, 403);
await call('POST', `${V1}/users`, { token: admin, json: { username: 'zhou.qi', display_name: '周七', role: 'evaluator', password: 'outsider-1' } }, 201);
await call('POST', `${V1}/users`, { token: admin, json: { username: 'zhou.qi', display_name: '周七', role: 'evaluator', password: 'outsider-1' } }, 409);
await call('POST', `${V1}/users`, { token: admin, json: { username: 'x y', display_name: 'x', role: 'evaluator', password: 'outsider-1' } }, 400);
await call('POST', `${V1}/users`, { token: ev1, json: { username: 'a', display_name: 'a', role: 'admin', password: 'whatever-1' } }, 403);
await call('PATCH', `${V1}/users/zhou.qi`, { token: admin, json: { display_name: '周七（外区）' } }, 200);
await call('PATCH', `${V1}/users/zhou.qi`, { token: admin, json: { role: 'king' } }, 400);
await call('PATCH', `${V1}/users/nobody-here`, { token: admin, json: { display_name: 'x' } }, 404);
await call('PATCH', `${V1}/users/admin`, { token: admin, json: { role: 'evaluator' } }, 409);
await call('PATCH', `${V1}/users/zhou.qi`, { token: ev1, json: { display_name: 'x' } }, 403);
let outsider = await signIn('zhou.qi', 'outsider-1');
await call('POST', `${V1}/me/password`, { token: outsider, json: { current_password: 'wrong-one', new_password: 'outsider-2' } }, 403);
await call('POST', `${V1}/me/password`, { token: outsider, json: { current_password: 'outsider-1', new_password: 'short' } }, 400);
await call('POST', `${V1}/me/password`, { token: outsider, json: { current_password: 'outsider-1', new_password: 'outsider-2' } }, 200);
await call('POST', `${V1}/me/password`, { json: { current_password: 'outsider-2', new_password: 'outsider-3' } }, 401);
// A new password ends the account's sessions, this one too: sign in again with it.
outsider = await signIn('zhou.qi', 'outsider-2');
const auditPage = await call('GET', `${V1}/audit?limit=3`, { token: supervisor }, 200);
const lastId = auditPage.json?.entries?.at(-1)?.id ?? 0;
const older = await call('GET', `${V1}/audit?limit=3&before=${lastId}`, { token: supervisor }, 200);
if (!(older.json?.entries ?? []).every((e) => e.id < lastId) || !older.json?.entries?.length) fail('GET /audit?before=ID pages back to older entries');
await call('GET', `${V1}/audit?limit=0`, { token: admin }, 400);
await call('GET', `${V1}/audit`, { token: ev1 }, 403);

// Registry
await call('GET', `${V1}/institutions`, { token: supervisor }, 200);
await call('GET', `${V1}/institutions`, { token: ev1 }, 403);
await call('POST', `${V1}/institutions`, { token: admin, json: { id: 'contract-inst', name: '契约测试养老院 <script>alert(1)</script>', region: '长春市', type: '民办', beds: 80, linked_inspectors: ['zhou.qi'] } }, 200);
await call('POST', `${V1}/institutions`, { token: admin, json: { id: 'contract-inst' } }, 400);
await call('POST', `${V1}/institutions`, { token: ev1, json: { id: 'x', name: 'x' } }, 403);

// Templates
const templates = (await call('GET', `${V1}/templates`, { token: ev1 }, 200)).json.templates;
const pilot = templates.find((t) => t.id === 'jilin-pilot-standardization');
const one = await call('GET', `${V1}/templates/${pilot.id}/${pilot.version}`, { token: ev1 }, 200);
await call('GET', `${V1}/templates/${pilot.id}/${pilot.version}`, { token: ev1, headers: { 'if-none-match': one.headers.etag } }, 304);
await call('GET', `${V1}/templates/${pilot.id}/9.9.9`, { token: ev1 }, 404);
const templateText = fs.readFileSync(path.join(root, 'assets/templates/jilin-pilot-standardization.json'), 'utf8');
await call('POST', `${V1}/templates`, { token: admin, json: templateText }, 201);
const changed = JSON.parse(templateText);
changed.title.en = changed.title.en + ' (changed)';
await call('POST', `${V1}/templates`, { token: admin, json: changed }, 409);
await call('POST', `${V1}/templates`, { token: admin, json: { id: 'broken' } }, 400);
await call('POST', `${V1}/templates`, { token: ev1, json: templateText }, 403);

// Inspections
const insp = 'contract-pilot-01';
const create = { id: insp, institution: 'contract-inst', template_id: pilot.id, template_version: pilot.version, planned_date: '2026-11-20', lead: 'li.hua', members: ['wang.fang', 'zhang.wei'] };
await call('POST', `${V1}/inspections`, { token: admin, json: create }, 201);
await call('POST', `${V1}/inspections`, { token: admin, json: create }, 409);
await call('POST', `${V1}/inspections`, { token: admin, json: { ...create, id: 'contract-linked', members: ['zhou.qi'] } }, 409);
await call('POST', `${V1}/inspections`, { token: admin, json: { ...create, id: 'contract-x', institution: 'no-such-inst' } }, 400);
await call('POST', `${V1}/inspections`, { token: ev1, json: create }, 403);
const list = await call('GET', `${V1}/inspections`, { token: ev1 }, 200);
await call('GET', `${V1}/inspections`, { token: ev1, headers: { 'if-none-match': list.headers.etag } }, 304);
await call('GET', `${V1}/inspections`, { token: admin }, 200);
await call('GET', `${V1}/inspections/${insp}`, { token: ev1 }, 200);
await call('GET', `${V1}/inspections/${insp}`, { token: outsider }, 403);
await call('GET', `${V1}/inspections/no-such-inspection`, { token: admin }, 404);

// A day's work: the demo's pilot log, re-addressed to this inspection, pushed by each author.
const log = fs
  .readFileSync(path.join(root, 'assets/demo/pilot.ops.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const ids = new Map(log.map((o) => [o.id, randomUUID()]));
const ops = log.map((o) => {
  const v = JSON.parse(JSON.stringify(o.value ?? null));
  if (v && Array.isArray(v.covers)) v.covers = v.covers.map((c) => ids.get(c) ?? c);
  return { ...o, id: ids.get(o.id), inspection: insp, value: v };
});
const tokens = { 'li.hua': lead, 'wang.fang': ev1, 'zhang.wei': ev2 };
for (const who of ['wang.fang', 'zhang.wei', 'li.hua']) {
  const mine = ops.filter((o) => o.author === who && o.kind !== 'submit');
  const r = await call('POST', `${V1}/inspections/${insp}/ops`, { token: tokens[who], json: { ops: mine } }, 200);
  if (r.json && r.json.accepted < mine.length * 0.9) fail(`push of ${who}'s ${mine.length} operations accepted only ${r.json.accepted}`);
}
// Sent again: already had. A forged author: refused with a reason and a code. Not an object: 400.
await call('POST', `${V1}/inspections/${insp}/ops`, { token: ev1, json: { ops: ops.filter((o) => o.author === 'wang.fang').slice(0, 3) } }, 200);
const forged = { ...ops[0], id: randomUUID(), author: 'li.hua' };
const refused = await call('POST', `${V1}/inspections/${insp}/ops`, { token: ev1, json: { ops: [forged, { id: 'junk' }] } }, 200);
if (refused.json && refused.json.refused !== 2) fail(`a forged author and a malformed operation: ${refused.body}`);
await call('POST', `${V1}/inspections/${insp}/ops`, { token: ev1, json: '[1, 2]' }, 400);
await call('POST', `${V1}/inspections/${insp}/ops`, { token: ev1, json: { ops: Array.from({ length: 5001 }, () => ({})) } }, 413);
await call('POST', `${V1}/inspections/${insp}/ops`, { token: outsider, json: { ops: [] } }, 403);
await call('POST', `${V1}/inspections/no-such-inspection/ops`, { token: ev1, json: { ops: [] } }, 404);
const page = await call('GET', `${V1}/inspections/${insp}/ops?after=0&limit=50`, { token: ev2 }, 200);
await call('GET', `${V1}/inspections/${insp}/ops?after=${page.json?.next ?? 0}`, { token: ev2 }, 200);
await call('GET', `${V1}/inspections/${insp}/ops?after=1000junk`, { token: ev2 }, 400);
await call('GET', `${V1}/inspections/${insp}/ops`, { token: outsider }, 403);
await call('GET', `${V1}/inspections/no-such-inspection/ops`, { token: ev2 }, 404);

// Photos: the bytes of the first photo the log names (the demo's PNGs in assets/demo/blobs), in chunks.
const firstPhoto = ops.find((o) => o.kind === 'photo.attach')?.value?.sha256 ?? '';
const photo = fs.readFileSync(path.join(root, 'assets/demo/blobs', `${firstPhoto}.png`));
const photoSha = createHash('sha256').update(photo).digest('hex');
if (photoSha !== firstPhoto) fail('assets/demo/blobs holds the pilot log\'s first photo under its SHA-256');
const blob = `${V1}/blobs/${photoSha}`;
await call('POST', `${V1}/blobs/missing`, { token: ev2, json: { sha256: [photoSha] } }, 200);
await call('POST', `${V1}/blobs/missing`, { token: ev2, json: { sha256: ['NOT-HEX'] } }, 400);
await call('POST', `${V1}/blobs/missing`, { token: ev2, json: { sha256: Array.from({ length: 10001 }, () => photoSha) } }, 413);
await call('GET', `${blob}/upload`, { token: ev2 }, 200);
await call('GET', `${V1}/blobs/NOT-HEX/upload`, { token: ev2 }, 400);
await call('PUT', `${blob}?offset=0&total=${photo.length}`, { token: ev2, body: photo.subarray(0, 600) }, 200);
await call('PUT', `${blob}?offset=2&total=${photo.length}`, { token: ev2, body: photo.subarray(2) }, 409);
await call('PUT', `${blob}?offset=600&total=${photo.length}`, { token: ev2, body: photo.subarray(600) }, 201);
await call('PUT', `${blob}?total=${photo.length}`, { token: ev2, body: photo }, 400);
await call('PUT', `${blob}?offset=0&total=${photo.length}`, { token: outsider, body: photo }, 403);
const wrong = createHash('sha256').update('something else').digest('hex');
await call('PUT', `${V1}/blobs/${wrong}?offset=0&total=${photo.length}`, { token: ev2, body: photo }, 422);
await call('PUT', `${V1}/blobs/${wrong}?offset=0&total=${128 << 20}`, { token: ev2, body: photo }, 413);
await call('GET', blob, { token: ev1 }, 200);
await call('GET', blob, { token: ev1, headers: { range: 'bytes=2-5' } }, 206);
await call('GET', blob, { token: ev1, headers: { range: `bytes=${photo.length + 10}-${photo.length + 20}` } }, 416);
await call('GET', blob, { token: outsider }, 404);
await call('GET', `${blob}/upload`, { token: ev1 }, 200);

// The team view, review and exports.
await call('GET', `${V1}/inspections/${insp}/state`, { token: supervisor }, 200);
await call('GET', `${V1}/progress`, { token: supervisor }, 200);
await call('GET', `${V1}/progress`, { token: ev1 }, 403);
await call('GET', `${V1}/inspections/${insp}/state`, { token: outsider }, 403);
await call('GET', `${V1}/inspections/no-such-inspection/state`, { token: supervisor }, 404);
const review = `${V1}/inspections/${insp}/review`;
await call('POST', review, { token: supervisor, json: { action: 'approve' } }, 409);
await call('POST', review, { token: lead, json: { action: 'celebrate' } }, 400);
await call('POST', review, { token: ev1, json: { action: 'submit' } }, 403);
await call('POST', review, { token: lead, json: { action: 'submit', comment: '评估完成，请审核。' } }, 200);
await call('POST', review, { token: supervisor, json: { action: 'return', comment: '请补充食堂整改期限的依据。' } }, 200);
await call('POST', review, { token: lead, json: { action: 'submit' } }, 200);
await call('POST', review, { token: supervisor, json: { action: 'approve' } }, 200);
await call('POST', `${V1}/inspections/no-such-inspection/review`, { token: supervisor, json: { action: 'approve' } }, 404);
await call('GET', `${V1}/inspections/${insp}/state`, { token: ev1 }, 200);
const exp = `${V1}/inspections/${insp}/export`;
await call('GET', exp, { token: ev1 }, 200);
await call('GET', `${exp}?format=csv&table=findings`, { token: ev1 }, 200);
await call('GET', `${exp}?format=xlsx`, { token: supervisor }, 200);
await call('GET', `${exp}?format=pdf`, { token: ev1 }, 400);
await call('GET', exp, { token: outsider }, 403);
await call('GET', `${V1}/inspections/no-such-inspection/export`, { token: supervisor }, 404);
await call('GET', `${V1}/exports?from=2026-01-01&to=2026-12-31`, { token: supervisor }, 200);
await call('GET', `${V1}/exports?format=csv&table=inspections`, { token: supervisor }, 200);
await call('GET', `${V1}/exports?from=%0D%0AX:1`, { token: supervisor }, 400);
await call('GET', `${V1}/exports`, { token: ev1 }, 403);

// The double-random draw.
const draw = await call('POST', `${V1}/draws`, { token: admin, json: { seed: 20261202, k: 1, team_size: 3, campaign: '2026年度养老机构服务质量检查', template: 'resident-satisfaction@1.2.0' } }, 201);
await call('POST', `${V1}/draws`, { token: admin, json: { k: 1000, team_size: 5 } }, 409);
await call('POST', `${V1}/draws`, { token: admin, json: { k: 1, team_size: 3, template: 'no-such@1.0.0' } }, 400);
await call('POST', `${V1}/draws`, { token: admin, json: { k: 'two', team_size: 3 } }, 400);
await call('POST', `${V1}/draws`, { token: supervisor, json: { k: 1, team_size: 3 } }, 403);
await call('GET', `${V1}/draws/${draw.json?.id ?? 1}`, { token: supervisor }, 200);
await call('GET', `${V1}/draws/999999`, { token: supervisor }, 404);
await call('GET', `${V1}/draws/${draw.json?.id ?? 1}`, { token: ev1 }, 403);
// A campaign's inspections are created from its draw and listed with it.
const drawn = draw.json?.assignments?.[0];
if (drawn) {
  await call('POST', `${V1}/inspections`, {
    token: admin,
    json: { id: 'contract-drawn-01', institution: drawn.institution, template_id: 'resident-satisfaction', template_version: '1.2.0', lead: drawn.lead, members: drawn.team.filter((m) => m !== drawn.lead), draw: draw.json.id },
  }, 201);
}
await call('POST', `${V1}/inspections`, { token: admin, json: { ...create, id: 'contract-nodraw', draw: 999999 } }, 400);
const campaigns = await call('GET', `${V1}/draws`, { token: supervisor }, 200);
if (campaigns.json?.draws?.[0]?.inspections !== 1) fail('GET /draws counts the inspections created from the draw');
const linked = await call('GET', `${V1}/progress`, { token: supervisor }, 200);
if (linked.json?.inspections?.find((i) => i.id === 'contract-drawn-01')?.draw !== draw.json?.id) fail('GET /progress names the draw an inspection came from');
await call('GET', `${V1}/draws`, { token: ev1 }, 403);

await call('POST', `${V1}/auth/logout`, { token: outsider }, 200);
await call('GET', `${V1}/me`, { token: outsider }, 401);

// ---- 3. every operation driven to a 2xx -----------------------------------------------------------
for (const r of documented) {
  const seen = covered.get(r);
  if (!seen || ![...seen].some((s) => s >= 200 && s < 300)) fail(`${r} was never answered with a 2xx by this test`);
}
const statuses = [...covered.values()].reduce((n, s) => n + s.size, 0);
console.log(`responses checked: ${statuses} distinct (operation, status) pairs over ${covered.size} operations`);
// The server is stopped (gracefully, as an operator would) before the verdict.
const exited = new Promise((resolve) => server.once('exit', resolve));
server.kill('SIGTERM');
await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
if (failures.length) {
  console.error(`${failures.length} contract failure(s)`);
  process.exit(1);
}
console.log('contract: every live response fits docs/api/openapi.yaml');
process.exit(0);
