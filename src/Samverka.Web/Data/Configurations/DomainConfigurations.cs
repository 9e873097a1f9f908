using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;

namespace Samverka.Web.Data.Configurations;

public sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> b)
    {
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.OrgNumber).HasMaxLength(11);
        b.Property(m => m.Slug).HasMaxLength(100);
        b.Property(m => m.ContactEmail).HasMaxLength(254);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => m.Slug).IsUnique();
        b.HasIndex(m => m.Name);
    }
}

public sealed class CommitteeConfiguration : IEntityTypeConfiguration<Committee>
{
    public void Configure(EntityTypeBuilder<Committee> b)
    {
        b.Property(c => c.Name).HasMaxLength(120);
        b.Property(c => c.Remit).HasMaxLength(2000);
        b.Property(c => c.CaseNumberPrefix).HasMaxLength(10);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Municipality>().WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.MunicipalityId, c.Name }).IsUnique();
    }
}

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.OrgNumber).HasMaxLength(11);
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.LegalForm).HasConversion<string>().HasMaxLength(40);
        b.Property(o => o.StreetAddress).HasMaxLength(200);
        b.Property(o => o.PostalCode).HasMaxLength(6);
        b.Property(o => o.City).HasMaxLength(100);
        b.Property(o => o.Email).HasMaxLength(254);
        b.Property(o => o.Phone).HasMaxLength(40);
        b.Property(o => o.Board).AsJson();
        b.Property(o => o.Contacts).AsJson();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.OrgNumber).IsUnique();
        b.Property(o => o.SearchText).HasMaxLength(400);
        b.HasIndex(o => new { o.Name, o.Id });
    }
}
