using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Communications.Data.Configurations;

internal sealed class CommunicationPreferenceConfiguration : IEntityTypeConfiguration<CommunicationPreference>
{
    public void Configure(EntityTypeBuilder<CommunicationPreference> builder)
    {
        builder.ToTable("communication_preferences");
        builder.HasKey(p => new { p.CustomerId, p.Channel, p.Topic });
        builder.Property(p => p.CustomerId).HasMaxLength(64);
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Topic).HasConversion<string>().HasMaxLength(16);
    }
}
