using GraphQL.Types;

namespace UCE.Gateway.Engine.Execution;

/// <summary>Lookups over the API schema that response shaping needs on every object: types by name and possible types.</summary>
public sealed class ApiSchemaIndex
{
    private readonly Dictionary<string, IGraphType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _possibleTypes = new(StringComparer.Ordinal);

    public ApiSchemaIndex(ISchema schema)
    {
        Schema = schema;
        schema.Initialize();
        foreach (var type in schema.AllTypes)
        {
            _types[type.Name] = type;
        }

        foreach (var type in schema.AllTypes)
        {
            if (type is IAbstractGraphType abstractType)
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                foreach (var possible in abstractType.PossibleTypes)
                {
                    set.Add(possible.Name);
                }

                _possibleTypes[type.Name] = set;
            }
        }

        QueryType = schema.Query;
        MutationType = schema.Mutation;
        SubscriptionType = schema.Subscription;
    }

    /// <summary>The API schema.</summary>
    public ISchema Schema { get; }

    public IObjectGraphType QueryType { get; }

    public IObjectGraphType? MutationType { get; }

    public IObjectGraphType? SubscriptionType { get; }

    /// <summary>The named type, or <c>null</c> when the API schema has none of that name.</summary>
    public IGraphType? FindType(string name) => _types.GetValueOrDefault(name);

    /// <summary>True when an object of type <paramref name="objectType"/> matches the type condition <paramref name="typeCondition"/>.</summary>
    public bool Satisfies(string objectType, string typeCondition) =>
        objectType == typeCondition
        || (_possibleTypes.TryGetValue(typeCondition, out var possible) && possible.Contains(objectType));
}
