using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Service.Types;

/// <summary>
/// An entity another subgraph owns (an account, an outage), extended with the cases that concern it. Any id resolves: an
/// entity without cases has an empty list. A customer gets only their own cases in it.
/// </summary>
public abstract class EntityWithCasesType<TReference, TLoader> : ObjectGraphType<TReference>
    where TReference : IEntityReference
    where TLoader : CaseListLoader
{
    protected EntityWithCasesType(string name, string casesDescription, AccessRule rule, Func<string, TReference> reference)
    {
        Name = name;
        this.Key("id");
        this.Authorize(rule);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<ListGraphType<NonNullGraphType<CaseType>>>("cases")
            .Description(casesDescription + ", newest first; a customer gets their own only.")
            .Authorize(Access.CustomersAndStaff)
            .Resolve(context =>
            {
                var caller = context.Caller();
                return context.Service<TLoader>().LoadAsync(context.Source.Id).Then(cases => CaseAccess.ReadableBy(caller, cases));
            });

        this.ResolveReference<EntityKey, TReference>((_, key) => reference(key.RequireId(name)));
    }
}
