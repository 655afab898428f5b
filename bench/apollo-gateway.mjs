// Apollo Gateway (@apollo/gateway + @apollo/server, one Node process) over a supergraph file: the
// reference the UCE gateway is measured against. Forwards the same headers the UCE gateway forwards.
// Usage: node bench/apollo-gateway.mjs --supergraph FILE --port N [--subgraph name=url ...]
import { readFileSync } from 'node:fs';
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
const forwarded = (name) => name.startsWith('x-uce-') || name === 'traceparent' || name === 'tracestate';

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(option('--supergraph') ?? 'schema/supergraph.graphql', 'utf8'),
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource({
      url: overrides[name] ?? url,
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
