using GraphQL.Types;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Supergraph;

/// <summary>
/// A custom scalar of the API schema: the gateway cannot know its rules (subgraphs do), so it accepts any
/// literal or variable value and leaves checking to the subgraph that receives it.
/// </summary>
internal sealed class PassThroughScalarGraphType : ScalarGraphType
{
    public PassThroughScalarGraphType(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    public override object? ParseLiteral(GraphQLValue value) => value;

    public override object? ParseValue(object? value) => value;

    public override object? Serialize(object? value) => value;

    public override bool CanParseLiteral(GraphQLValue value) => true;

    public override bool CanParseValue(object? value) => true;

    public override bool IsValidDefault(object value) => true;

    public override GraphQLValue ToAST(object? value) => value switch
    {
        GraphQLValue ast => ast,
        null => new GraphQLNullValue(),
        string s => new GraphQLStringValue(s),
        bool b => b ? new GraphQLTrueBooleanValue() : new GraphQLFalseBooleanValue(),
        int i => new GraphQLIntValue(i),
        long l => new GraphQLIntValue(l),
        double d => new GraphQLFloatValue(d),
        decimal m => new GraphQLFloatValue(m),
        _ => new GraphQLStringValue(value.ToString() ?? string.Empty),
    };
}
