// Serves a supergraph with Apollo Gateway (in process, through @apollo/server's executeOperation) so that tests can
// compare its answers with the UCE gateway's over the same subgraphs.
// Usage: node apollo-gateway-oracle.mjs <tests/tools/apollo> <supergraph.graphql> '<{"name":"http://..."}>'
// Reads one JSON request per line on stdin ({query, variables, operationName}); writes one JSON response per line.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const [toolsDirectory, supergraphFile, urlsJson] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(toolsDirectory), 'package.json'));
const { ApolloGateway, RemoteGraphQLDataSource } = require('@apollo/gateway');
const { ApolloServer } = require('@apollo/server');

const urls = JSON.parse(urlsJson);
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: urls[name] ?? url }),
});
const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
await server.start();
process.stdout.write(JSON.stringify({ ready: true }) + '\n');

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  try {
    const response = await server.executeOperation({
      query: request.query,
      variables: request.variables ?? undefined,
      operationName: request.operationName ?? undefined,
    });
    const body = response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'incremental delivery' }] };
    process.stdout.write(JSON.stringify(body) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ errors: [{ message: String(error) }] }) + '\n');
  }
}
await server.stop();
