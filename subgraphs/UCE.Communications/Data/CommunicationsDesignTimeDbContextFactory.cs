using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UCE.Communications.Data;

/// <summary>Lets <c>dotnet ef</c> build the context against PostgreSQL, the provider migrations are written for.</summary>
public sealed class CommunicationsDesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommunicationsDbContext>
{
    public CommunicationsDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Communications")
            ?? "Host=127.0.0.1;Port=5432;Database=uce_communications;Username=postgres;Password=postgres";
        var options = new DbContextOptionsBuilder<CommunicationsDbContext>().UseNpgsql(connectionString).Options;
        return new CommunicationsDbContext(options);
    }
}
