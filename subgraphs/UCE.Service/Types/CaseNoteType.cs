using GraphQL.Types;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>CaseNote</c>.</summary>
public sealed class CaseNoteType : ObjectGraphType<CaseNote>
{
    public CaseNoteType()
    {
        Name = "CaseNote";
        Description = "A note on a case; customers see only the customer-visible ones.";
        this.Authorize(CaseAccess.Note);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(context => context.Source.Body);
        Field<NonNullGraphType<CaseNoteVisibilityType>>("visibility").Resolve(context => context.Source.Visibility);
        Field<StringGraphType>("author").Description("The subject that wrote the note, when known.").Resolve(context => context.Source.Author);
        Field<NonNullGraphType<BooleanGraphType>>("byCustomer").Description("True when the case's customer wrote it.").Resolve(context => context.Source.ByCustomer);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(context => context.Source.CreatedAt);
    }
}
