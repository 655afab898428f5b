using UCE.Subgraphs.Hosting.Database;

namespace UCE.Service.Data;

/// <summary>Lets <c>dotnet ef</c> build the context against PostgreSQL, the provider migrations are written for.</summary>
public sealed class ServiceDesignTimeDbContextFactory()
    : PostgresDesignTimeDbContextFactory<ServiceDbContext>("Service", options => new ServiceDbContext(options));
