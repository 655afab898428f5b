using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Usage;

public sealed class UsageMigrationTests
{
    [Fact]
    public async Task Migrations_create_the_usage_tables_and_capture_the_whole_model()
    {
        await using var database = await PostgresDatabase.CreateAsync("usage_migrations");
        await using var host = await SubgraphTestHost.StartAsync(new UsageSubgraph(), database.ConnectionString, seedDemoData: false);

        await using var db = host.CreateDbContext<UsageDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains("20261128214527_InitialUsage", await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The usage model has changes no migration captures; add a migration.");
        Assert.Equal(4L, await database.ScalarAsync(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('meters', 'metered_accounts', 'daily_read_blocks', 'interval_read_blocks')"));
    }
}
