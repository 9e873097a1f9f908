using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Municipalities;

namespace Samverka.Web.Data.Configurations;

/// <summary>A guideline version's rules are one JSON document: they are read and replaced whole, never queried by part.</summary>
public sealed class GuidelineConfiguration : IEntityTypeConfiguration<Guideline>
{
    public void Configure(EntityTypeBuilder<Guideline> b)
    {
        b.Property(g => g.Title).HasMaxLength(200);
        b.Property(g => g.DecisionReference).HasMaxLength(200);
        b.Property(g => g.Rules).AsJson();
        b.HasOne<Municipality>().WithMany().HasForeignKey(g => g.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(g => new { g.MunicipalityId, g.Number }).IsUnique();
    }
}
