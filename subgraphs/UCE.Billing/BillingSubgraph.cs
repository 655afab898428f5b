using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Billing.Data;
using UCE.Billing.DataLoaders;
using UCE.Billing.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Billing;

/// <summary>The billing subgraph: bills, payments, balance and autopay of accounts.</summary>
public sealed class BillingSubgraph : SubgraphModule<BillingDbContext>
{
    public override string Name => "billing";

    public override int DefaultPort => 4002;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AccountByIdLoader>();
        services.AddScoped<AccountByNumberLoader>();
        services.AddScoped<BillByIdLoader>();
        services.AddScoped<BillPageLoader>();
        services.AddScoped<LineItemsByBillLoader>();
        services.AddScoped<RecentPaymentsLoader>();
        services.AddScoped<PaymentLedger>();
        services.AddScoped<AutopaySettings>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<BillingSchema>().AddGraphTypes(typeof(BillingSubgraph).Assembly);

    protected override Task<bool> HasDataAsync(BillingDbContext db, CancellationToken cancellationToken) =>
        db.Accounts.AnyAsync(cancellationToken);

    /// <summary>On PostgreSQL the generator writes each chunk with binary COPY; elsewhere it seeds chunk by chunk.</summary>
    public override async Task GenerateAsync(Func<DbContext> createContext, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using (var probe = createContext())
        {
            if (!probe.Database.IsNpgsql())
            {
                await base.GenerateAsync(createContext, graph, progress, cancellationToken);
                return;
            }
        }

        var end = graph.FirstIndex + graph.CustomerCount;
        for (var first = graph.FirstIndex; first < end; first += GenerationChunkSize)
        {
            var count = Math.Min(GenerationChunkSize, end - first);
            var rows = BillingSeed.Generate(new DemoGraph(count, first));
            await using var db = createContext();
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.Accounts, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.Bills, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.LineItems, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.Payments, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(first + count - graph.FirstIndex);
        }
    }

    protected override int GenerationChunkSize => 5_000;

    protected override async Task SeedAsync(BillingDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        var rows = BillingSeed.Generate(graph);
        db.Accounts.AddRange(rows.Accounts);
        db.Bills.AddRange(rows.Bills);
        db.BillLineItems.AddRange(rows.LineItems);
        db.Payments.AddRange(rows.Payments);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
