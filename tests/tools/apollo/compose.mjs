// Composes subgraph SDL files with Apollo's composition and prints the supergraph SDL, or the
// composition errors (code + message) as JSON on stderr with exit code 1.
// Usage: node compose.mjs name=path/to/a.graphql[=http://url] name2=path/to/b.graphql ...
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const services = process.argv.slice(2).map((arg) => {
  const [name, file, ...url] = arg.split('=');
  return { name, url: url.join('=') || `http://${name}.local/graphql`, typeDefs: parse(readFileSync(file, 'utf8')) };
});
const result = composeServices(services);
if (result.errors) {
  process.stderr.write(JSON.stringify(result.errors.map((e) => ({ code: e.extensions?.code, message: e.message })), null, 2) + '\n');
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
