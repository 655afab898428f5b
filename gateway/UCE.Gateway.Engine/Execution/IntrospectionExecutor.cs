using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Answers the <c>__schema</c> and <c>__type</c> root fields of an operation from the API schema with GraphQL.NET's
/// executor; the other root fields of the same operation are left to the plan.
/// </summary>
internal sealed class IntrospectionExecutor
{
    private static readonly IValidationRule[] NoRules = [];

    private static readonly JsonDocumentOptions ResultOptions = new() { MaxDepth = DocumentDepth.MaxResponse };

    private readonly ApiSchemaIndex _schema;
    private readonly DocumentExecuter _executer = new();
    private readonly GraphQLSerializer _serializer = new(new JsonSerializerOptions { MaxDepth = DocumentDepth.MaxResponse });

    public IntrospectionExecutor(ApiSchemaIndex schema) => _schema = schema;

    /// <summary>The introspection root fields of the operation (after <c>@skip</c>/<c>@include</c>), or an empty list.</summary>
    public static List<GraphQLField> RootIntrospectionFields(
        GraphQLOperationDefinition operation,
        IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments,
        JsonObject variables)
    {
        var found = new List<GraphQLField>();
        Collect(operation.SelectionSet, fragments, variables, found, 0);
        return found;
    }

    private static void Collect(GraphQLSelectionSet set, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, JsonObject variables, List<GraphQLField> found, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when field.Name.StringValue is "__schema" or "__type":
                    if (DirectiveConditions.IsIncluded(field.Directives, variables))
                    {
                        found.Add(field);
                    }

                    break;
                case GraphQLInlineFragment inline when DirectiveConditions.IsIncluded(inline.Directives, variables):
                    Collect(inline.SelectionSet, fragments, variables, found, depth + 1);
                    break;
                case GraphQLFragmentSpread spread when DirectiveConditions.IsIncluded(spread.Directives, variables)
                    && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    Collect(fragment.SelectionSet, fragments, variables, found, depth + 1);
                    break;
            }
        }
    }

    /// <summary>Runs the introspection fields and writes their values into <paramref name="data"/> under their response names.</summary>
    public async Task ExecuteAsync(
        List<GraphQLField> fields,
        GraphQLOperationDefinition operation,
        IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments,
        Inputs variables,
        DataObject data,
        List<JsonObject> errors,
        CancellationToken cancellationToken)
    {
        var selections = new List<ASTNode>(fields.Count);
        selections.AddRange(fields);
        var introspectionOperation = new GraphQLOperationDefinition(new GraphQLSelectionSet(selections))
        {
            Operation = OperationType.Query,
            Variables = operation.Variables,
        };
        var definitions = new List<ASTNode>(fragments.Count + 1) { introspectionOperation };
        foreach (var fragment in fragments.Values)
        {
            definitions.Add(fragment);
        }

        var result = await _executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = _schema.Schema,
            Document = new GraphQLDocument(definitions),
            // The whole document was validated already; fragments used only by other fields must not fail here.
            ValidationRules = NoRules,
            Variables = variables,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);

        var serialized = JsonNode.Parse(_serializer.Serialize(result), documentOptions: ResultOptions) as JsonObject;
        if (serialized?["data"] is JsonObject introspected)
        {
            foreach (var (name, value) in introspected)
            {
                // Introspection values are written to the response as they are; only their top level is named here.
                data.Set(name, value?.DeepClone());
            }
        }

        if (serialized?["errors"] is JsonArray introspectionErrors)
        {
            foreach (var error in introspectionErrors)
            {
                if (error is JsonObject errorObject)
                {
                    errors.Add((JsonObject)errorObject.DeepClone());
                }
            }
        }
    }
}
