using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Billing.Events;
using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Billing.Data;
using UCE.Billing.DataLoaders;
using UCE.Billing.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Billing;

/// <summary>The billing subgraph: bills, payments, balance and autopay of accounts.</summary>
public sealed class BillingSubgraph : BulkLoadedSubgraphModule<BillingDbContext>
{
    public override string Name => "billing";

    public override int DefaultPort => 4002;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IDirectoryProjection, BillingDirectoryProjection>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AccountByIdLoader>();
        services.AddScoped<AccountByNumberLoader>();
        services.AddScoped<BillByIdLoader>();
        services.AddScoped<BillPageLoader>();
        services.AddScoped<LineItemsByBillLoader>();
        services.AddScoped<RecentPaymentsLoader>();
        services.AddScoped<OverdueBalanceByCustomerLoader>();
        services.AddScoped<PaymentLedger>();
        services.AddScoped<AutopaySettings>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<BillingSchema>().AddGraphTypes(typeof(BillingSubgraph).Assembly);

    protected override Task<bool> HasDataAsync(BillingDbContext db, CancellationToken cancellationToken) =>
        db.Accounts.AnyAsync(cancellationToken);

    protected override int GenerationChunkSize => 5_000;

    protected override SeedTables SeedRows(DemoGraph graph)
    {
        var rows = BillingSeed.Generate(graph);
        return new SeedTables().Add(rows.Accounts).Add(rows.Bills).Add(rows.LineItems).Add(rows.Payments);
    }
}
