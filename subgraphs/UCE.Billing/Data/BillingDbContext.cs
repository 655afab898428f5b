using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Billing.Data;

/// <summary>The billing subgraph's database: accounts, bills with their lines, payments.</summary>
public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    public DbSet<BillingAccount> Accounts => Set<BillingAccount>();

    public DbSet<Bill> Bills => Set<Bill>();

    public DbSet<BillLineItem> BillLineItems => Set<BillLineItem>();

    public DbSet<Payment> Payments => Set<Payment>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BillingDbContext).Assembly).AddOutbox();
}
