using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Usage.Data;

/// <summary>The usage subgraph's database: meters, the accounts they bill, daily and interval reads, and the high-usage alerts raised.</summary>
public sealed class UsageDbContext(DbContextOptions<UsageDbContext> options) : DbContext(options)
{
    public DbSet<Meter> Meters => Set<Meter>();

    public DbSet<MeteredAccount> MeteredAccounts => Set<MeteredAccount>();

    public DbSet<UsageConsent> Consents => Set<UsageConsent>();

    public DbSet<DailyReadBlock> DailyReads => Set<DailyReadBlock>();

    public DbSet<IntervalReadBlock> IntervalReads => Set<IntervalReadBlock>();

    public DbSet<HighUsageAlert> HighUsageAlerts => Set<HighUsageAlert>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(UsageDbContext).Assembly);
}
