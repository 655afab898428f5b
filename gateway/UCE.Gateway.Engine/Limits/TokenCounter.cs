using GraphQLParser;

namespace UCE.Gateway.Engine.Limits;

/// <summary>Counts a document's lexical tokens without building its syntax tree, so an oversized document is refused before parsing.</summary>
public static class TokenCounter
{
    /// <summary>The number of tokens in <paramref name="document"/>, or <paramref name="limit"/> + 1 once it has more than that.</summary>
    /// <remarks>Counting stops where the lexer cannot read on: the parser reports that error with its position.</remarks>
    public static int Count(string document, int limit)
    {
        var source = new ROM(document.AsMemory());
        var position = 0;
        var count = 0;
        try
        {
            while (true)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF || ++count > limit)
                {
                    return count;
                }

                position = token.End;
            }
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            return count;
        }
    }
}
