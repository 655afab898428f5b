// Apollo Gateway (@apollo/gateway + @apollo/server, one Node process) over a supergraph file: the
// reference the UCE gateway is measured against. Forwards the same headers the UCE gateway forwards, and
// signs them over each subgraph request body as the UCE gateway does (X-UCE-Signature with the first key of
// Identity__SigningKeys), since the UCE subgraphs answer nothing unsigned.
// Usage: node bench/apollo-gateway.mjs --supergraph FILE --port N [--subgraph name=url ...]
import { readFileSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// The packages are installed once, under tests/tools/apollo (test-time oracles).
const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'tools', 'apollo', 'package.json');
const require = createRequire(oracle);
const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const { ApolloGateway, RemoteGraphQLDataSource } = require('@apollo/gateway');

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const overrides = Object.fromEntries(
  args.flatMap((arg, i) => (args[i - 1] === '--subgraph' ? [arg.split(/=(.*)/s).slice(0, 2)] : [])),
);
const [keyId, keySecret] = (() => {
  const first = (process.env.Identity__SigningKeys ?? '').split(/[;,]/)[0] ?? '';
  const colon = first.indexOf(':');
  if (colon <= 0) throw new Error('Identity__SigningKeys must be set (id:base64secret), as for the UCE gateway and subgraphs');
  return [first.slice(0, colon), Buffer.from(first.slice(colon + 1), 'base64')];
})();
const signed = ['x-uce-role', 'x-uce-subject', 'x-uce-customer-id', 'x-uce-client', 'x-uce-scopes'];
const signingFetch = (url, init) => {
  const headers = new Headers(init.headers);
  const ts = Math.floor(Date.now() / 1000);
  const bodyHash = createHash('sha256').update(init.body ?? '').digest('hex').toUpperCase();
  const text = ['v1', ts, keyId, ...signed.map((name) => (headers.get(name) ?? '').trim()), bodyHash].join('\n');
  const mac = createHmac('sha256', keySecret).update(text, 'utf8').digest('base64url');
  headers.set('x-uce-signature', `v1;kid=${keyId};ts=${ts};sig=${mac}`);
  return fetch(url, { ...init, headers });
};
const forwarded = (name) => name.startsWith('x-uce-') || name === 'traceparent' || name === 'tracestate';

// Apollo Gateway does not implement the access-control features (@authenticated, @requiresScopes and @policy are
// Apollo Router's) and refuses a supergraph that links them for SECURITY. The reference runs over the supergraph
// without them: the bench's caller is an agent, whom the rules admit everywhere the measured queries read, and the
// subgraphs enforce their own rules either way.
const withoutAccessRules = (sdl) => sdl
  .replace(/^ *@link\(url: "https:\/\/specs\.apollo\.dev\/(authenticated|requiresScopes|policy)\/[^"]*", for: SECURITY\)\n/gm, '')
  .replace(/^directive @(authenticated|requiresScopes|policy)\b[^\n]*\n/gm, '')
  .replace(/^scalar (policy__Policy|requiresScopes__Scope)\n/gm, '')
  .replace(/ @(authenticated\b|requiresScopes\([^)]*\)|policy\([^)]*\))/g, '');

const gateway = new ApolloGateway({
  supergraphSdl: withoutAccessRules(readFileSync(option('--supergraph') ?? 'schema/supergraph.graphql', 'utf8')),
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource({
      url: overrides[name] ?? url,
      fetcher: signingFetch,
      willSendRequest({ request, context }) {
        for (const [header, value] of Object.entries(context.headers ?? {})) {
          if (forwarded(header) && typeof value === 'string') request.http.headers.set(header, value);
        }
      },
    }),
});

const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(option('--port') ?? 4200), host: '127.0.0.1' },
  context: async ({ req }) => ({ headers: req.headers }),
});
console.log(`Apollo Gateway listening on ${url}`);
