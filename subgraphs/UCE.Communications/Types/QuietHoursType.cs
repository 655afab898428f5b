using GraphQL.Types;

namespace UCE.Communications.Types;

/// <summary>GraphQL type <c>QuietHours</c>: start and end as <c>HH:mm</c>.</summary>
public sealed class QuietHoursType : ObjectGraphType<QuietHours>
{
    public QuietHoursType()
    {
        Name = "QuietHours";
        Description = "The daily window in which SMS and push messages wait, in the customer's local time (HH:mm, 24-hour clock).";
        Field<NonNullGraphType<StringGraphType>>("start").Resolve(context => QuietHours.Print(context.Source.Start));
        Field<NonNullGraphType<StringGraphType>>("end").Resolve(context => QuietHours.Print(context.Source.End));
    }
}
