using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Subgraphs.Hosting.AccessLog;

/// <summary>The <c>agent_access_log</c> table; its schema is created by <see cref="AgentAccessLogStore"/>, not by migrations, since it may share a database with a subgraph's own.</summary>
public sealed class AgentAccessLogDbContext(DbContextOptions<AgentAccessLogDbContext> options) : DbContext(options)
{
    public const string TableName = "agent_access_log";

    public DbSet<AgentAccessEntry> Entries => Set<AgentAccessEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var entry = modelBuilder.Entity<AgentAccessEntry>();
        entry.ToTable(TableName);
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).HasColumnName("id");
        entry.Property(e => e.At).HasColumnName("at");
        entry.Property(e => e.Subgraph).HasColumnName("subgraph");
        entry.Property(e => e.Agent).HasColumnName("agent");
        entry.Property(e => e.Role).HasColumnName("role");
        entry.Property(e => e.CustomerId).HasColumnName("customer_id");
        entry.Property(e => e.OperationName).HasColumnName("operation_name");
        entry.Property(e => e.RootFields).HasColumnName("root_fields");
        entry.Property(e => e.Outcome).HasColumnName("outcome").HasConversion(
            outcome => outcome.ToString().ToUpperInvariant(),
            text => Enum.Parse<AgentAccessOutcome>(text, true));
    }
}
