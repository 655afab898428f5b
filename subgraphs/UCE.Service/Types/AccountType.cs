using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Service.Types;

/// <summary>The customers subgraph's <c>Account</c> entity, extended with the cases that concern it.</summary>
public sealed class AccountType : ObjectGraphType<AccountReference>
{
    public AccountType()
    {
        Name = "Account";
        this.Key("id");
        this.Authorize(CaseAccess.SignedIn);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<ListGraphType<NonNullGraphType<CaseType>>>("cases")
            .Description("The cases that concern the account, newest first; a customer gets their own only.")
            .Authorize(Access.CustomersAndStaff)
            .Resolve(context =>
            {
                var caller = context.Caller();
                return context.Service<CasesByAccountLoader>().LoadAsync(context.Source.Id).Then(cases => CaseAccess.ReadableBy(caller, cases));
            });

        this.ResolveReference<EntityKey, AccountReference>((_, key) => new AccountReference(key.RequireId("Account")));
    }
}
