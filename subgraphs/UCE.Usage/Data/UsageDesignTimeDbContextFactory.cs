using UCE.Subgraphs.Hosting.Database;

namespace UCE.Usage.Data;

/// <summary>Lets <c>dotnet ef</c> build the usage context against PostgreSQL.</summary>
public sealed class UsageDesignTimeDbContextFactory()
    : PostgresDesignTimeDbContextFactory<UsageDbContext>("Usage", options => new UsageDbContext(options));
