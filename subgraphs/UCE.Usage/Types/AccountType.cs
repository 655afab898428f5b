using GraphQL.Federation;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Usage.Data;
using UCE.Usage.DataLoaders;

namespace UCE.Usage.Types;

/// <summary>The usage fields of the <c>Account</c> entity owned by the customers subgraph.</summary>
public sealed class AccountType : ObjectGraphType<MeteredAccount>
{
    public AccountType()
    {
        Name = "Account";
        this.Key("id");
        this.Authorize(UsageAccess.Of<MeteredAccount>(account => account.Meter?.CustomerId));
        this.ResolveReference<AccountReference, MeteredAccount>((ctx, reference) => ctx.Service<MeteredAccountLoader>().LoadAsync(reference.Id));

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.AccountId);
        Field<UsageSummaryType>("usageSummary")
            .Description("Usage of the account's meter: the latest period against the one before it, with the high-usage flag.")
            .Argument<UsageSummaryPeriodType>("period", arg => arg.DefaultValue = UsageSummaryPeriod.Month)
            .Resolve(ctx => UsageFields.LoadSummary(ctx, ctx.Source.Meter!));
    }
}

/// <summary>An <c>Account</c> representation from the gateway.</summary>
public sealed class AccountReference
{
    public string Id { get; set; } = "";
}
