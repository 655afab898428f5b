using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Customers.Data;

/// <summary>The customers subgraph's data: customers, their service locations, accounts and contact history.</summary>
public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<ServiceLocation> ServiceLocations => Set<ServiceLocation>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.HasKey(c => c.Id);
            customer.Property(c => c.Id).HasMaxLength(32);
            customer.Property(c => c.Name).HasMaxLength(200);
            customer.Property(c => c.Email).HasMaxLength(200);
            customer.Property(c => c.Phone).HasMaxLength(32);
            customer.Property(c => c.Segment).HasConversion<string>().HasMaxLength(16);
            customer.HasIndex(c => c.Email);

            // Customer search (docs/customers.md): trigram indexes serve name and e-mail text on PostgreSQL (SQLite gets
            // plain indexes from the same lines), and the phone's digits are a stored column with a b-tree for exact
            // lookups. The expression is the same SQL on both providers; phone numbers hold no other characters.
            // Without GIN's pending list (fastupdate): every search would scan the entries added since the last vacuum
            // (up to 4 MB); customers are added one at a time, so the slower insert costs little.
            customer.HasIndex(c => c.Name, "IX_customers_Name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops").HasStorageParameter("fastupdate", false);
            customer.HasIndex(c => c.Email, "IX_customers_Email_trgm").HasMethod("gin").HasOperators("gin_trgm_ops").HasStorageParameter("fastupdate", false);
            customer.Property<string>(CustomerColumns.PhoneDigits)
                .HasMaxLength(32)
                .HasComputedColumnSql(CustomerColumns.PhoneDigitsSql, stored: true);
            customer.HasIndex(CustomerColumns.PhoneDigits);
            customer.OwnsOne(c => c.MailingAddress, address =>
            {
                address.Property(a => a.Line1).HasColumnName("MailingLine1").HasMaxLength(200);
                address.Property(a => a.City).HasColumnName("MailingCity").HasMaxLength(100);
                address.Property(a => a.State).HasColumnName("MailingState").HasMaxLength(2);
                address.Property(a => a.PostalCode).HasColumnName("MailingPostalCode").HasMaxLength(10);
            });
        });

        // The word joins of a name (migration CustomerNameWordJoins, PostgreSQL only): a function, not part of the tables.
        modelBuilder.HasDbFunction(typeof(CustomerWordJoins).GetMethod(nameof(CustomerWordJoins.NameMayContain))!)
            .HasName("customer_name_may_contain");

        modelBuilder.Entity<ServiceLocation>(location =>
        {
            location.ToTable("service_locations");
            location.HasKey(l => l.Id);
            location.Property(l => l.Id).HasMaxLength(32);
            location.Property(l => l.CustomerId).HasMaxLength(32);
            location.Property(l => l.Line1).HasMaxLength(200);
            location.Property(l => l.City).HasMaxLength(100);
            location.Property(l => l.State).HasMaxLength(2);
            location.Property(l => l.PostalCode).HasMaxLength(10);
            location.Property(l => l.PremiseId).HasMaxLength(32);
            location.Property(l => l.MeterId).HasMaxLength(32);
            location.HasIndex(l => l.CustomerId);
            location.HasIndex(l => l.MeterId).IsUnique();
            location.HasIndex(l => l.PremiseId);
            location.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId);
        });

        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasMaxLength(32);
            account.Property(a => a.Number).HasMaxLength(20);
            account.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.CustomerId).HasMaxLength(32);
            account.Property(a => a.ServiceLocationId).HasMaxLength(32);
            account.HasIndex(a => a.Number).IsUnique();
            account.HasIndex(a => a.CustomerId);
            account.HasIndex(a => a.ServiceLocationId);
            account.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId);
            account.HasOne<ServiceLocation>().WithMany().HasForeignKey(a => a.ServiceLocationId);
        });

        modelBuilder.Entity<Interaction>(interaction =>
        {
            interaction.ToTable("interactions");
            interaction.HasKey(i => i.Id);
            interaction.Property(i => i.Id).HasMaxLength(40);
            interaction.Property(i => i.CustomerId).HasMaxLength(32);
            interaction.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
            interaction.Property(i => i.Topic).HasMaxLength(100);
            interaction.Property(i => i.Summary).HasMaxLength(1000);
            interaction.Property(i => i.Agent).HasMaxLength(100);
            interaction.HasIndex(i => i.CustomerId);
            interaction.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId);
            interaction.Property(i => i.EventId).HasMaxLength(64);
            interaction.HasIndex(i => i.EventId).IsUnique();
            interaction.Property(i => i.EventType).HasMaxLength(64);
            interaction.Property(i => i.Source).HasMaxLength(32);
            interaction.Property(i => i.SubjectType).HasMaxLength(64);
            interaction.Property(i => i.SubjectId).HasMaxLength(64);
            interaction.Property(i => i.Disposition).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<ServiceRequest>(request =>
        {
            request.ToTable("service_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Id).HasMaxLength(32);
            request.Property(r => r.ConfirmationNumber).HasMaxLength(16);
            request.HasIndex(r => r.ConfirmationNumber).IsUnique();
            request.Property(r => r.CustomerId).HasMaxLength(32);
            request.HasIndex(r => r.CustomerId);
            request.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId);
            request.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            request.Property(r => r.OpenedAccountId).HasMaxLength(32);
            request.Property(r => r.ClosedAccountId).HasMaxLength(32);
            request.Property(r => r.RequestedBy).HasMaxLength(128);

            // The fulfilment's question, "which scheduled requests are due?", reads only the scheduled ones, by day.
            request.HasIndex(r => new { r.ScheduledFor, r.Id }, "IX_service_requests_scheduled_due").HasFilter("\"Status\" = 'Scheduled'");
        });

        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable("idempotent_requests");
            request.HasKey(r => r.Key);
            request.Property(r => r.Key).HasMaxLength(IdempotentRequest.MaxKeyLength);
            request.Property(r => r.Operation).HasMaxLength(32);
            request.Property(r => r.Fingerprint).HasMaxLength(64);
            request.Property(r => r.ResultId).HasMaxLength(32);
        });

        modelBuilder.AddOutbox();
    }
}
