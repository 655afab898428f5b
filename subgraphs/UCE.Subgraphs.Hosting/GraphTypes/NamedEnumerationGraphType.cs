using GraphQL.Types;

namespace UCE.Subgraphs.Hosting.GraphTypes;

/// <summary>
/// A GraphQL enum over the values of <typeparamref name="TEnum"/> under the name and description the subgraph's SDL
/// declares, so an enum graph type is one line.
/// </summary>
public abstract class NamedEnumerationGraphType<TEnum> : EnumerationGraphType<TEnum>
    where TEnum : Enum
{
    protected NamedEnumerationGraphType(string name, string description)
    {
        Name = name;
        Description = description;
    }
}
