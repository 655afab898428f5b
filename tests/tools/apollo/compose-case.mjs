// Like compose.mjs, but reports a subgraph that does not parse as an INVALID_GRAPHQL composition
// error (as Rover does) instead of crashing, so every corpus case gets an oracle file.
// Usage: node compose-case.mjs name=path/to/a.graphql name2=path/to/b.graphql ...
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const services = [];
const parseErrors = [];
for (const arg of process.argv.slice(2)) {
  const [name, file] = arg.split('=');
  try {
    services.push({ name, url: `http://${name}.local/graphql`, typeDefs: parse(readFileSync(file, 'utf8')) });
  } catch (error) {
    parseErrors.push({ code: 'INVALID_GRAPHQL', message: `[${name}] ${error.message}` });
  }
}
const errors = parseErrors.length > 0 ? parseErrors : composeServices(services).errors;
if (errors && errors.length > 0) {
  process.stderr.write(JSON.stringify(errors.map((e) => ({ code: e.code ?? e.extensions?.code, message: e.message })), null, 2) + '\n');
  process.exit(1);
}
process.stdout.write(composeServices(services).supergraphSdl);
