using UCE.Subgraphs.Hosting.Database;

namespace UCE.Customers.Data;

/// <summary>Lets <c>dotnet ef</c> build the customers context against PostgreSQL.</summary>
public sealed class CustomersDesignTimeDbContextFactory()
    : PostgresDesignTimeDbContextFactory<CustomersDbContext>("Customers", options => new CustomersDbContext(options));
