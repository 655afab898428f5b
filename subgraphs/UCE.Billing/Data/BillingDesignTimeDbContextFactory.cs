using UCE.Subgraphs.Hosting.Database;

namespace UCE.Billing.Data;

/// <summary>Lets <c>dotnet ef</c> build the billing context against PostgreSQL.</summary>
public sealed class BillingDesignTimeDbContextFactory()
    : PostgresDesignTimeDbContextFactory<BillingDbContext>("Billing", options => new BillingDbContext(options));
