// graphql-js's introspection, as tools send it, to check a gateway's introspection answers against the API schema
// that Apollo's federation-internals derive from a supergraph.
// Usage:
//   node introspection.mjs query '<options JSON>'
//     prints getIntrospectionQuery(options) (options as graphql-js takes them: descriptions, specifiedByUrl, ...)
//   node introspection.mjs queries <folder>
//     writes <name>.graphql for each option set tests use (tests/fixtures/introspection-queries: graphql-js's defaults,
//     descriptions off, each other option alone, all of them), for tests that run without Node
//   node introspection.mjs print <supergraph.graphql> '<options JSON>' < answer.json
//     reads an introspection answer ({"data": {"__schema": ...}} or its data) on stdin and prints a JSON object:
//     "actual", the schema built from the answer (buildClientSchema) and printed; "expected", Apollo's API schema of the
//     supergraph introspected by graphql-js with the same options, built and printed the same way; "api", Apollo's API
//     schema printed whole (what "expected" equals when the options ask for everything).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROUTER_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { GraphQLSchema, buildClientSchema, getIntrospectionQuery, graphqlSync, printSchema, version } from 'graphql';

const [command, ...args] = process.argv.slice(2);

function readStdin() {
  return readFileSync(0, 'utf8');
}

// The spec leaves the order of __schema.types open, so both sides are printed with their types sorted by name; fields,
// arguments, enum values, interfaces and union members keep the order of the answer, which the spec does fix.
function printSorted(schema) {
  const config = schema.toConfig();
  const types = [...config.types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return printSchema(new GraphQLSchema({ ...config, types }));
}

function printBuilt(introspection) {
  return printSorted(buildClientSchema(introspection));
}

const optionSets = {
  defaults: {},
  'descriptions-off': { descriptions: false },
  specifiedByUrl: { specifiedByUrl: true },
  directiveIsRepeatable: { directiveIsRepeatable: true },
  schemaDescription: { schemaDescription: true },
  inputValueDeprecation: { inputValueDeprecation: true },
  oneOf: { oneOf: true },
  all: { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true },
};

if (command === 'queries') {
  for (const [name, options] of Object.entries(optionSets)) {
    writeFileSync(path.join(args[0], name + '.graphql'), `# getIntrospectionQuery(${JSON.stringify(options)}), graphql-js ${version}\n` + getIntrospectionQuery(options));
  }
} else if (command === 'query') {
  process.stdout.write(getIntrospectionQuery(JSON.parse(args[0] ?? '{}')));
} else if (command === 'print') {
  const [supergraphFile, optionsJson] = args;
  const options = JSON.parse(optionsJson ?? '{}');
  const apiSchema = Supergraph.build(readFileSync(supergraphFile, 'utf8'), { supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES }).apiSchema().toGraphQLJSSchema();
  const oracle = graphqlSync({ schema: apiSchema, source: getIntrospectionQuery(options) });
  if (oracle.errors?.length) {
    throw new Error('graphql-js could not introspect the API schema: ' + JSON.stringify(oracle.errors));
  }

  const answer = JSON.parse(readStdin());
  const data = answer.data ?? answer;
  let actual;
  try {
    actual = printBuilt(data);
  } catch (error) {
    actual = 'buildClientSchema failed: ' + error.message;
  }

  process.stdout.write(JSON.stringify({
    actual,
    expected: printBuilt(oracle.data),
    api: printSorted(apiSchema),
  }));
} else {
  process.stderr.write('usage: node introspection.mjs query <options> | queries <folder> | print <supergraph> <options> < answer\n');
  process.exit(2);
}
