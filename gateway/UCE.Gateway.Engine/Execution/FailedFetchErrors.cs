using System.Runtime.CompilerServices;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// The errors of a fetch that failed as a whole, one at every client path the fetch should have filled: each root field
/// of a root fetch, or each field an entity fetch selects on every object that was to receive an entity. The number of
/// path errors is capped so that a failed batch of thousands of entities cannot blow up the response.
/// </summary>
internal static class FailedFetchErrors
{
    /// <summary>Path errors written for one failed fetch; the rest are counted in one summary error without a path.</summary>
    public const int MaxPathErrors = 100;

    // Plans are cached, so the same fetch node fails again and again while its subgraph is down: read its document once.
    private static readonly ConditionalWeakTable<FetchNode, FetchedFields> FieldsByFetch = [];

    /// <summary>Adds the errors to <paramref name="execution"/>; the caller holds <see cref="PlanExecution.Sync"/>.</summary>
    public static void Add(PlanExecution execution, FetchNode fetch, EntityBatch? batch, ApiSchemaIndex schema, string code, string message)
    {
        execution.AnyFetchFailed = true;
        var fields = FieldsByFetch.GetValue(fetch, FetchedFields.Read);
        var written = 0;
        var missed = 0;
        if (batch is null)
        {
            foreach (var name in fields.NamesFor(null, schema))
            {
                AddOne([name]);
            }
        }
        else
        {
            foreach (var targets in batch.Targets)
            {
                foreach (var target in targets)
                {
                    var names = fields.NamesFor(target.Object.Typename, schema);
                    if (written >= MaxPathErrors)
                    {
                        missed += names.Count;
                        continue;
                    }

                    foreach (var name in names)
                    {
                        AddOne([.. target.Path, name]);
                    }
                }
            }
        }

        if (written == 0)
        {
            // Nothing the client asked for could be named (a fetch of keys only): the failure is still reported.
            execution.Errors.Add(ResponseErrors.Create(message, code, serviceName: fetch.Subgraph));
        }
        else if (missed > 0)
        {
            execution.Errors.Add(ResponseErrors.Create(
                $"{message} ({missed} more fields from '{fetch.Subgraph}' are missing for the same reason.)",
                code,
                serviceName: fetch.Subgraph));
        }

        void AddOne(object[] path)
        {
            if (written >= MaxPathErrors)
            {
                missed++;
                return;
            }

            written++;
            execution.Errors.Add(ResponseErrors.Create(message, code, path, fetch.Subgraph));
        }
    }

    /// <summary>
    /// The response names a fetch's document selects: at its root for a root fetch, or inside <c>_entities</c> per type
    /// condition for an entity fetch. <c>__typename</c> is left out: the gateway answers it without the subgraph.
    /// </summary>
    private sealed class FetchedFields
    {
        private readonly List<(string? TypeCondition, string ResponseName)> _fields = [];
        private readonly Dictionary<string, IReadOnlyList<string>> _namesByType = new(StringComparer.Ordinal);
        private IReadOnlyList<string>? _allNames;

        public static FetchedFields Read(FetchNode fetch)
        {
            var result = new FetchedFields();
            GraphQLDocument document;
            try
            {
                document = Parser.Parse(fetch.Document);
            }
            catch (GraphQLParserException)
            {
                return result;
            }

            var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
            GraphQLOperationDefinition? operation = null;
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case GraphQLFragmentDefinition fragment:
                        fragments[fragment.FragmentName.Name.StringValue] = fragment;
                        break;
                    case GraphQLOperationDefinition op:
                        operation ??= op;
                        break;
                }
            }

            if (operation is null)
            {
                return result;
            }

            if (!fetch.IsEntityFetch)
            {
                result.Collect(operation.SelectionSet, null, fragments, 0);
                return result;
            }

            foreach (var selection in operation.SelectionSet.Selections)
            {
                if (selection is GraphQLField { Name.StringValue: "_entities", SelectionSet: { } entities })
                {
                    result.Collect(entities, null, fragments, 0);
                }
            }

            return result;
        }

        /// <summary>The distinct response names that apply to an object of <paramref name="typename"/> (all of them when unknown).</summary>
        public IReadOnlyList<string> NamesFor(string? typename, ApiSchemaIndex schema)
        {
            lock (_namesByType)
            {
                if (typename is null)
                {
                    return _allNames ??= Distinct(_ => true);
                }

                if (!_namesByType.TryGetValue(typename, out var names))
                {
                    names = Distinct(condition => condition is null || schema.Satisfies(typename, condition));
                    _namesByType[typename] = names;
                }

                return names;
            }
        }

        private string[] Distinct(Func<string?, bool> applies)
        {
            var names = new List<string>(_fields.Count);
            foreach (var (condition, name) in _fields)
            {
                if (applies(condition) && !names.Contains(name))
                {
                    names.Add(name);
                }
            }

            return [.. names];
        }

        private void Collect(GraphQLSelectionSet set, string? typeCondition, Dictionary<string, GraphQLFragmentDefinition> fragments, int depth)
        {
            // Fragment spreads cannot cycle in a valid document; the bound only guards against an invalid one.
            if (depth > 32)
            {
                return;
            }

            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var responseName = (field.Alias?.Name ?? field.Name).StringValue;
                        if (responseName != "__typename")
                        {
                            _fields.Add((typeCondition, responseName));
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        Collect(inline.SelectionSet, inline.TypeCondition?.Type.Name.StringValue ?? typeCondition, fragments, depth + 1);
                        break;
                    case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        Collect(fragment.SelectionSet, fragment.TypeCondition.Type.Name.StringValue, fragments, depth + 1);
                        break;
                }
            }
        }
    }
}
