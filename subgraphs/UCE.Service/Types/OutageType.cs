using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Service.Types;

/// <summary>The outages subgraph's <c>Outage</c> entity, extended with the cases raised about it.</summary>
public sealed class OutageType : ObjectGraphType<OutageReference>
{
    public OutageType()
    {
        Name = "Outage";
        this.Key("id");

        // Outages are public; what this subgraph adds is guarded by its field rule and by each case's own.
        this.Authorize(Access.Anyone);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<ListGraphType<NonNullGraphType<CaseType>>>("cases")
            .Description("The cases raised about the outage, newest first; a customer gets their own only.")
            .Authorize(Access.CustomersAndStaff)
            .Resolve(context =>
            {
                var caller = context.Caller();
                return context.Service<CasesByOutageLoader>().LoadAsync(context.Source.Id).Then(cases => CaseAccess.ReadableBy(caller, cases));
            });

        this.ResolveReference<EntityKey, OutageReference>((_, key) => new OutageReference(key.RequireId("Outage")));
    }
}
