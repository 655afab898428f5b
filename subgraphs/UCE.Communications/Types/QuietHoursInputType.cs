using GraphQL.Types;

namespace UCE.Communications.Types;

/// <summary>GraphQL input <c>QuietHoursInput</c>.</summary>
public sealed class QuietHoursInputType : InputObjectGraphType<QuietHoursInput>
{
    public QuietHoursInputType()
    {
        Name = "QuietHoursInput";
        Description = "Two different times as HH:mm (24-hour clock); the window may span midnight.";
        Field<NonNullGraphType<StringGraphType>>("start");
        Field<NonNullGraphType<StringGraphType>>("end");
    }
}
