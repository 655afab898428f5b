#!/usr/bin/env bash
# Regenerates the composition corpus oracles with Apollo's composition (the version pinned in
# package.json). Each case directory holds one <subgraph>.graphql per subgraph; the script writes
# expected.graphql (the supergraph) and, when Apollo gives any, expected-hints.json (its hints), or
# expected-errors.json (the error codes) next to them.
# Subgraph URLs are http://<name>.local/graphql, which the .NET corpus tests use as well.
# Usage: tests/tools/apollo/make-composition-corpus.sh [corpus-dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:-$here/../../UCE.Gateway.Composition.Tests/Corpus}"
[ -d "$here/node_modules/@apollo/composition" ] || (cd "$here" && npm ci --no-audit --no-fund)
for kind in valid invalid; do
  for case_dir in "$corpus/$kind"/*/; do
    case_dir="${case_dir%/}"
    args=()
    for sdl in $(ls "$case_dir"/*.graphql | grep -v '/expected.graphql$' | sort); do
      name="$(basename "$sdl" .graphql)"
      args+=("$name=$sdl")
    done
    rm -f "$case_dir/expected.graphql" "$case_dir/expected-errors.json" "$case_dir/expected-hints.json"
    if HINTS_OUT="$case_dir/expected-hints.json" node "$here/compose-case.mjs" "${args[@]}" > "$case_dir/expected.graphql" 2> "$case_dir/expected-errors.json"; then
      rm -f "$case_dir/expected-errors.json"
      status=composed
    else
      rm -f "$case_dir/expected.graphql"
      status=errors
    fi
    echo "$kind/$(basename "$case_dir"): $status"
  done
done
