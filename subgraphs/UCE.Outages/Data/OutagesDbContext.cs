using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Outages.Data;

/// <summary>The outages subgraph's database: outages, their affected locations, history and reports, the grid connections, and the grid events applied.</summary>
public sealed class OutagesDbContext(DbContextOptions<OutagesDbContext> options) : DbContext(options)
{
    public DbSet<GridConnection> GridConnections => Set<GridConnection>();

    public DbSet<Outage> Outages => Set<Outage>();

    public DbSet<OutageLocation> OutageLocations => Set<OutageLocation>();

    public DbSet<OutageStatusChange> OutageStatusChanges => Set<OutageStatusChange>();

    public DbSet<OutageReport> OutageReports => Set<OutageReport>();

    public DbSet<ProcessedGridEvent> ProcessedGridEvents => Set<ProcessedGridEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OutagesDbContext).Assembly).AddOutbox();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.Apply(configurationBuilder);
}
