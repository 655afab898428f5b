using Microsoft.EntityFrameworkCore;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

public sealed class BillingMigrationTests
{
    [Fact]
    public async Task Migrations_create_the_billing_tables_and_capture_the_whole_model()
    {
        await using var database = await PostgresDatabase.CreateAsync("billing_migrations");
        await using var host = await SubgraphTestHost.StartAsync(new BillingSubgraph(), database.ConnectionString, seedDemoData: false);

        await using var db = host.CreateDbContext<BillingDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains("20261128214018_InitialBilling", await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The billing model has changes no migration captures; add a migration.");
        Assert.Equal(4L, await database.ScalarAsync(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('billing_accounts', 'bills', 'bill_line_items', 'payments')"));
    }
}
