using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UCE.Customers.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context for PostgreSQL (migrations target PostgreSQL only).</summary>
public sealed class CustomersDesignTimeDbContextFactory : IDesignTimeDbContextFactory<CustomersDbContext>
{
    public CustomersDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Customers")
            ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=uce_customers";
        return new CustomersDbContext(new DbContextOptionsBuilder<CustomersDbContext>().UseNpgsql(connectionString).Options);
    }
}
